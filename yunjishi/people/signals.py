"""What people tells the layers above it: ``notify`` sits above people (it imports people),
so people cannot call it; it listens here instead (``notify.receivers``)."""

from django.dispatch import Signal

# Sent after someone else (a superuser) set ``user``'s password in the back office; with
# ``actor`` and ``user``, inside the transaction that recorded it.
password_set_by_staff = Signal()

# Someone tried to sign up with the mobile number of an existing account (``user``). The
# sign-up answers as for a new number, so the owner is told instead (notify's receivers).
signup_with_registered_phone = Signal()
