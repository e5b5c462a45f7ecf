"""Which addresses a watch may connect to, checked on the connection itself; and a deadline per fetch.

    policy = AddressPolicy.parse("127.0.0.1, 10.20.0.0/16")   # --allow-private / $EVENTWIRE_WATCH_ALLOW_PRIVATE
    policy.refusal(ip_address("169.254.169.254"))  -> "169.254.169.254 is a link-local address"
    backend = GuardedBackend(policy)               # the httpcore network backend of the Fetcher

Feeds and the pages they link to are other people's input: a feed item may point at
``http://169.254.169.254/`` (a cloud metadata service), ``http://localhost:5432/`` or a name whose
DNS answer is a private address. So every connection the fetcher opens goes through
:class:`GuardedBackend`: it resolves the host name itself, drops every address that is not
globally routable (loopback, private, link-local, shared, reserved, multicast, unspecified;
IPv4-mapped IPv6 addresses are judged as the IPv4 address they map) unless it lies in a network
of the policy's allow-list, connects to one of the remaining addresses, and checks that the
socket's peer is that address. The address checked is the address connected to: a DNS answer
that changes between a check and the connection (DNS rebinding) cannot slip through, because
there is only one resolution. With nothing left it raises :class:`AddressRefused` (permanent).

The allow-list is empty by default: a watch reaches the public internet only. A watcher whose
feeds live on an intranet (or a test on 127.0.0.1) names those networks; everything else private
stays refused, including article links on a feed that is itself allowed.

The same backend enforces the fetcher's overall deadline (``deadline``, a ``time.monotonic()``
value, or None): every connect, TLS handshake, read and write gets at most the time left, so a
server dripping its headers or body one byte at a time is cut off when the deadline passes
(:class:`DeadlineExceeded`), not after one read timeout per byte.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]  # host, port -> IP address strings, in preference order
ALLOW_ENV = "EVENTWIRE_WATCH_ALLOW_PRIVATE"
T = TypeVar("T")


class AddressRefused(Exception):
    """The host has no address we may connect to (private, loopback, ...): never worth a retry."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class DeadlineExceeded(Exception):
    """The fetch's overall deadline passed while connecting, sending or receiving."""


def kind_of(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public internet address ("loopback", "private", ...), or None if it is."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, flag in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if flag:
            return kind
    if not ip.is_global:  # e.g. 100.64.0.0/10 (carrier-grade NAT), documentation ranges
        return "non-public"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses are always allowed; non-public ones only inside ``allow`` (see the module doc)."""

    allow: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, values: str | Iterable[str] | None) -> AddressPolicy:
        """``"127.0.0.1, 10.0.0.0/8"`` or a list of such strings -> the policy; bad entries raise ValueError."""
        if values is None:
            return cls()
        if isinstance(values, str):
            values = [values]
        nets: list[IPNetwork] = []
        for value in values:
            for part in value.replace(",", " ").split():
                try:
                    nets.append(ipaddress.ip_network(part.strip("[]"), strict=False))
                except ValueError:
                    raise ValueError(f"not an IP address or network: {part!r} (e.g. 127.0.0.1, "
                                     "10.0.0.0/8, ::1)") from None
        return cls(tuple(nets))

    def allows(self, ip: IPAddress) -> bool:
        if kind_of(ip) is None:
            return True
        plain = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped else ip
        return any(plain.version == net.version and plain in net for net in self.allow)

    def refusal(self, ip: IPAddress) -> str | None:
        """None if we may connect to ``ip``, else the one-line reason."""
        if self.allows(ip):
            return None
        return f"{ip} is a {kind_of(ip)} address"


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses ``getaddrinfo`` gives for ``host`` (IP literals come back as they are)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation gets at most the time left before the backend's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, backend: GuardedBackend):
        self.inner = inner
        self.backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.backend.within_deadline(lambda t: self.inner.read(max_bytes, t), timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.backend.within_deadline(lambda t: self.inner.write(buffer, t), timeout)

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self.backend.within_deadline(lambda t: self.inner.start_tls(ssl_context, server_hostname, t),
                                             timeout)
        return _DeadlineStream(inner, self.backend)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, connecting only to addresses the policy allows, within the deadline."""

    def __init__(self, policy: AddressPolicy | None = None, resolver: Resolver = system_resolver,
                 clock: Callable[[], float] = time.monotonic):
        self.policy = policy or AddressPolicy()
        self.resolver = resolver
        self.clock = clock
        self.inner = httpcore.SyncBackend()
        self.deadline: float | None = None
        self.connected: list[tuple[str, str]] = []  # (host, address) of every connection opened

    def within_deadline(self, op: Callable[[float | None], T], timeout: float | None) -> T:
        """``op(timeout)`` with the timeout cut to the time left; a timeout caused by the cut is the deadline's."""
        if self.deadline is None:
            return op(timeout)
        left = self.deadline - self.clock()
        if left <= 0:
            raise DeadlineExceeded()
        if timeout is not None and timeout < left:
            return op(timeout)
        try:
            return op(left)
        except (httpcore.ReadTimeout, httpcore.WriteTimeout, httpcore.ConnectTimeout) as e:
            raise DeadlineExceeded() from e

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        try:
            answers = self.resolver(host, port)
        except (OSError, UnicodeError) as e:
            raise httpcore.ConnectError(f"cannot resolve {host} ({e})") from e
        allowed: list[str] = []
        refused: list[str] = []
        for a in answers:
            ip = ipaddress.ip_address(a.split("%", 1)[0])
            (allowed if self.policy.allows(ip) else refused).append(a)
        if not allowed:
            if not refused:
                raise httpcore.ConnectError(f"cannot resolve {host} (no address)")
            kind = kind_of(ipaddress.ip_address(refused[0].split("%", 1)[0]))
            why = (f"{refused[0]} is a {kind} address" if host.strip("[]") == refused[0]
                   else f"{host} resolves to {refused[0]}, a {kind} address")
            raise AddressRefused(f"refused: {why}; not fetched (allow with --allow-private or ${ALLOW_ENV})")
        error: Exception | None = None
        for address in allowed:
            try:
                stream = self.within_deadline(
                    lambda t, a=address: self.inner.connect_tcp(a, port, t, local_address, socket_options), timeout)
            except httpcore.ConnectError as e:
                error = e
                continue
            peer = str(stream.get_extra_info("server_addr")[0])
            if ipaddress.ip_address(peer.split("%", 1)[0]) != ipaddress.ip_address(address.split("%", 1)[0]):
                stream.close()  # cannot happen with a plain socket; refuse rather than trust it
                raise AddressRefused(f"refused: connected to {peer}, not the checked {address}")
            self.connected.append((host, address))
            return _DeadlineStream(stream, self)
        assert error is not None
        raise error

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise AddressRefused("refused: unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)
