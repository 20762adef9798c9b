"""Loaded by every Python process started with this folder on PYTHONPATH (tests only).

Refuses connections and DNS look-ups to anything but the loopback, so a notebook
that reaches for the network fails at once instead of depending on the machine.
"""

import ipaddress
import os
import socket

if os.environ.get("ATELIER_SANS_RESEAU") == "1":
    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex
    _getaddrinfo = socket.getaddrinfo

    def _local(address) -> bool:
        if not isinstance(address, tuple):  # Unix socket
            return True
        host = address[0]
        if host in ("localhost", ""):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    def _refuse(address):
        raise ConnectionRefusedError(f"Network disabled for tests: connection to {address!r} refused")

    def connect(self, address):
        if not _local(address):
            _refuse(address)
        return _connect(self, address)

    def connect_ex(self, address):
        if not _local(address):
            _refuse(address)
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and not _local((name,)):
            raise socket.gaierror(socket.EAI_NONAME, f"Network disabled for tests: no DNS for {host!r}")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
