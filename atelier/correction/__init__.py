"""The grading kit: « python -m atelier.correction SOUMISSIONS --sortie DOSSIER » (see __main__.py).

The files follow the pipeline, in the order a batch runs:

    collecte.py        find the submissions in a folder or zip, tell whose they are, read them
    analyse.py         read each submission before it runs: official cells edited, suspect code
    cours.py           the cohort's nbgrader course: release, template gradebook, nbgrader commands
    lot.py             the batch: one job per learner and module, parallel servers, merge of the grades
    travail.py         a grading server: autograde one job in its private course copy, then its feedback
    pretraitements.py  the nbgrader preprocessors and configuration those autogrades use
    bac_a_sable.py     the sandbox each notebook's kernel runs in (probe, audit hook, kernel manager)
    lanceur.py         the script that starts one kernel inside that sandbox
    rapport.py         notes.csv, rapport.md, retours/ and the summary printed at the end

How a batch runs:

1. Collect: every file of the folder or zip is attributed to a learner and an exercise and
   read; what cannot be graded gets a French reason and the batch goes on.
2. Course: the module's nbgrader source is copied into cours/solutions/ and
   ``nbgrader generate_assignment`` builds the release and a *template* gradebook holding
   the assignment only.
3. Grade, in parallel (``--jobs``, default: the number of cores): one grading server per
   job slot (atelier/correction/travail.py), each grading one learner and module at a time
   in a forked process, in that learner's own copy of the course with its own copy of the
   template gradebook, each notebook in its own sandboxed kernel and working directory.
4. Merge, sequentially: as each worker finishes, the main thread copies its grades into
   cours/gradebook.db through nbgrader's Gradebook API, and its autograded notebooks and
   feedback into cours/.

Why per-learner gradebooks and a sequential merge: see lot.py.
"""

import sys

# jsonschema builds a large grammar when it imports rfc3987_syntax (about 2 s here), only to check
# "iri" formats that notebooks never use: no grading process should pay it.
sys.modules.setdefault("rfc3987_syntax", None)
