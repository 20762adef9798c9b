"""nbgrader in the deployment's image: the course and the exchange on the shared volume (values.yaml)."""

import os

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "donnees-ouvertes-locales"
c.Exchange.root = "/srv/nbgrader/exchange"
c.CourseDirectory.student_id = os.environ.get("JUPYTERHUB_USER", "*")
