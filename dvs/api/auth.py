from wagtail.api.v3.auth import BearerTokenAuth


class BearerToken(BearerTokenAuth):
    """`Authorization: Bearer <token>` against Wagtail's APIToken; anything else gets 401.

    Tokens are issued with `manage.py create_api_token USERNAME` or in the back office
    (Settings → API tokens).
    """
