"""What the democracy browser tests share: a ward of a small tree, a signed-in user of a
role over a unit, a page that notes every request leaving the server, and a field set
without a date picker or a chooser popping over the form."""

from dvs.accounts.models import RoleAssignment, User
from dvs.testing import PASSWORD
from dvs.units.models import Level, Unit


def ward():
    """Phường An Bình (code A) under a province and a city."""
    province = Unit.add_root(code="P1", name="Tỉnh Thử", level=Level.PROVINCE)
    city = province.add_child(code="C1", name="Thành phố Thử", level=Level.DISTRICT)
    return city.add_child(code="A", name="Phường An Bình", level=Level.COMMUNE)


def neighbourhood(of, code="A1", name="Tổ dân phố 1"):
    return Unit.objects.get(pk=of.pk).add_child(code=code, name=name, level=Level.NEIGHBOURHOOD)


def person(username, role, unit, full_name="Lê Thị Hoa"):
    user = User.objects.create_user(username, password=PASSWORD, full_name=full_name)
    RoleAssignment.objects.create(user=user, role=role, unit=unit)
    return user


def signed_in(browser, live_server, username):
    """A page signed in as `username`, and the list of the URLs it asked outside the
    server (a page must ask none)."""
    page = browser.new_page(locale="en-US")
    outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page, outside


def set_value(page, selector, value):
    """Set a field's value without a date picker or a chooser popping over the form."""
    page.wait_for_selector(selector, state="attached")
    page.eval_on_selector(selector, "(el, value) => { el.value = value; }", value)
