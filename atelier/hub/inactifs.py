"""jupyterhub-idle-culler, as the hub starts it: « python -m atelier.hub.inactifs --timeout=... ».

The culler itself, unchanged; only SIGINT gets its default action back. JupyterHub stops a
managed service with SIGINT first and waits 10 s before trying SIGTERM, and the culler's event
loop lets SIGINT pass without stopping: the hub then took 30 s to stop.
"""

import signal

from jupyterhub_idle_culler import main

if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    main()
