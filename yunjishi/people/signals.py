"""What people tells the layers above it: ``notify`` sits above people (it imports people),
so people cannot call it; it listens here instead (``notify.receivers``)."""

from django.dispatch import Signal

# Sent after someone else (a superuser) set ``user``'s password in the back office; with
# ``actor`` and ``user``, inside the transaction that recorded it.
password_set_by_staff = Signal()
