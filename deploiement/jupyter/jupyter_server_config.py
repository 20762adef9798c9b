"""The learner's JupyterLab in the deployment's image (copied to /etc/jupyter/ by deploiement/Dockerfile).

The same choices as the workshop hub's learner servers (atelier/hub/poste.py): offline mode (the
image sets no ATELIER_EN_DIRECT), folium's scripts served by the server itself, the grader's
nbgrader tools switched off, idle kernels stopped after 30 minutes.
"""

import os

c = get_config()  # noqa: F821
c.ServerApp.extra_static_paths = ["/opt/formation/book/_static"]
# Kernels inherit the server's environment: maps load Leaflet & co from /user/<login>/static/.
os.environ["ATELIER_CARTES_LOCALES"] = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/") + "static"
os.environ.pop("ATELIER_EN_DIRECT", None)
c.ServerApp.jpserver_extensions = {"nbgrader.server_extensions.formgrader": False,
                                   "nbgrader.server_extensions.course_list": False}
c.MappingKernelManager.cull_idle_timeout = 1800
c.MappingKernelManager.cull_interval = 60
