# Windows: the one command of « Installer sur mon poste », no admin rights needed.
#   powershell -ExecutionPolicy ByPass -File installer.ps1
$ErrorActionPreference = "Stop"
Set-Location -Path $PSScriptRoot
# Town-hall networks often inspect TLS with their own certificate, installed in the Windows store.
if (-not $env:UV_SYSTEM_CERTS) { $env:UV_SYSTEM_CERTS = "1" }
if (-not (Get-Command uv -ErrorAction SilentlyContinue)) {
    Write-Host "» Installation de uv dans votre dossier personnel (sans droits d'administrateur)..."
    Invoke-RestMethod https://astral.sh/uv/install.ps1 | Invoke-Expression
    $env:Path = "$env:USERPROFILE\.local\bin;$env:Path"
}
uv run --no-project --python ">=3.11.5,<3.12" scripts/installer.py @args
exit $LASTEXITCODE
