from .scope import is_staff_member


def roles(request):
    user = getattr(request, "user", None)
    return {"is_union_staff": bool(user and user.is_authenticated and is_staff_member(user))}
