"""What builds the book: the Sphinx extension for offline figures and maps, and the learners' exercises.

    extension.py   Sphinx extension (``atelier.livre.extension`` in _config.yml)
    exercices.py   ``python -m atelier.livre.exercices``: exercises/ from their nbgrader sources
"""
