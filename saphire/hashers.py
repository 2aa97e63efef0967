"""Argon2id at OWASP's recommended minimum (19 MiB of memory, 2 passes, 1 lane).

Django's own Argon2 defaults (100 MiB, 8 lanes) cost more CPU per sign-in than a web worker shared by
many requests can afford; OWASP's setting is as resistant to GPU cracking as PBKDF2 at Django's iteration
count while costing a fraction of its CPU. Hashes stored with other parameters are upgraded at sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
