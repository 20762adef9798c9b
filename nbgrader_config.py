"""nbgrader configuration: exercises are written once in solutions/ and released to exercises/."""

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = "donnees-ouvertes-locales"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"

# The release keeps only what a learner needs.
c.ClearSolutions.code_stub = {"python": "# VOTRE CODE ICI\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "VOTRE RÉPONSE ICI"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"
c.ClearMetadata.enabled = True
c.ClearOutput.enabled = True

# A learner's notebook is stopped after this many seconds per cell when graded.
c.ExecutePreprocessor.timeout = 120
c.Execute.timeout = 120
