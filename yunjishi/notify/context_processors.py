from .services import unread_count


def inbox(request):
    """The unread count for the page header; one cheap indexed count, only when logged in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_count": 0}
    return {"unread_count": unread_count(user)}
