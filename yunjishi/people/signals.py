"""What people announce for the layers above to act on (people may not import them)."""

from django.dispatch import Signal

# Someone tried to sign up with the mobile number of an existing account (``user``). The
# sign-up answers as for a new number, so the owner is told instead (notify's receivers).
signup_with_registered_phone = Signal()
