"""The workshop hub: a JupyterHub that serves the lessons and exercises to a training room (« make hub »).

The files, by who uses them:

    comptes.py          the trainer: learner accounts from a CSV of participants, the sheet of passwords
    configuration.py    the trainer: the hub's settings, written as .hub/jupyterhub_config.py and started
    authentification.py the hub: logs learners in against the hashed passwords of comptes.py
    poste.py            the hub: starts each learner's JupyterLab (own folder, limits, offline mode, exchange)
    echange.py          the grader: nbgrader's exchange (release, collect for make grade, return the feedback)
    inactifs.py         the hub: jupyterhub-idle-culler, stopping at once when the hub stops
    __main__.py         the command line: « python -m atelier.hub comptes|demarrer|publier|collecter|retourner »

Everything the hub writes lives in one state folder, ``.hub/`` at the repository's root by
default (ignored by git): accounts, the hub's database and secrets, the learners' folders, the
exchange and the grader's course.
"""
