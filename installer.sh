#!/bin/sh
# macOS and Linux: the one command of « Installer sur mon poste », no admin rights needed.
#   sh installer.sh
set -e
cd "$(dirname "$0")"
# Town-hall networks often inspect TLS with their own certificate, installed in the system store.
export UV_SYSTEM_CERTS="${UV_SYSTEM_CERTS:-1}"
if ! command -v uv >/dev/null 2>&1; then
  echo "» Installation de uv dans votre dossier personnel (sans droits d'administrateur)…"
  curl -LsSf https://astral.sh/uv/install.sh | sh
  PATH="$HOME/.local/bin:$PATH"
fi
exec uv run --no-project --python ">=3.11.5,<3.12" scripts/installer.py "$@"
