"""A local Runbeam Cloud emulator for tests, demos and benchmarks (stdlib + PyJWT + cryptography).

    from emulator import Emulator
    with Emulator(tls=True) as emu:
        requests.get(emu.api + "/gateways", headers={"Authorization": "Bearer " + emu.jwt()},
                     verify=emu.ca_path)
"""
from .core import Emulator, check_loopback

__all__ = ["Emulator", "check_loopback"]
