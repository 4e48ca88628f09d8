"""Wagtail viewsets whose every view goes through the scope door.

A domain app registers its back-office screens as a `ScopedModelViewSet`: the listing
(and its CSV/XLSX export), the edit, delete, inspect, history, usage and copy views and
the chooser all see only the rows `scope.scoped()` lets the user see.
"""

from functools import cached_property, partial

from django import forms
from django.forms import modelform_factory
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm, formfield_for_dbfield
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.views import users as wagtail_users

from dvs.lib.forms import CleanTextMixin
from dvs.storage import private_storage
from dvs.units.models import Unit

from . import scope


class ScopedModelForm(CleanTextMixin, WagtailAdminModelForm):
    """Narrows every choice of a scoped model to what the user may see, and the field
    that places the row in a unit to where the user may write; its text arrives clean
    (CleanTextMixin)."""

    def __init_subclass__(cls, **kwargs):
        # Wagtail's model forms take their fields from its registry (Meta.
        # formfield_callback: dd/mm/yyyy dates that refuse what they cannot read, see
        # dvs.lib.forms), but Django reads that option only from the form's own Meta, and
        # our forms declare their own: give it to them, before their fields are built.
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(formfield_for_dbfield)

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        self._hide_private_file_links()
        if for_user is None:
            return
        registered = set(scope.registered_models())
        anchor = (
            scope.rule_for(self._meta.model).path.split("__")[0]
            if self._meta.model in registered
            else None
        )
        action = "change" if self.instance.pk else "add"
        for name, field in self.fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model not in registered:
                continue
            if model in _CHOOSER_WIDGETS:
                field.widget = _CHOOSER_WIDGETS[model]()
            if name == anchor:
                field.queryset = scope.writable_anchor(for_user, self._meta.model, action)
            else:
                field.queryset = scope.scoped(for_user, field.queryset, "view")

    def _hide_private_file_links(self):
        # A private file has no public URL: the "Currently: <link>" of Django's clearable
        # input would point under /media/ (404) and show the file's random path. Its page
        # links to the scoped download view instead.
        for name, field in self.fields.items():
            if not isinstance(field, forms.FileField):
                continue
            model_field = self._meta.model._meta.get_field(name)
            if getattr(model_field, "storage", None) is private_storage():
                field.widget = forms.FileInput(attrs=field.widget.attrs)


class _ScopedObjectMixin:
    scope_action = "view"

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not scope.can(self.request.user, obj, self.scope_action):
            raise Http404
        return obj


class ScopedIndexView(generic.IndexView):
    results_template_name = "accounts/index_results.html"
    # What to do when the list is empty, besides adding a row: (label, URL name,
    # permission), offered to those holding the permission.
    empty_actions = ()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        user = self.request.user
        context["empty_actions"] = [
            (label, reverse(url_name))
            for label, url_name, permission in self.empty_actions
            if user.has_perm(permission)
        ]
        return context

    @cached_property
    def columns(self):
        """Every row opens its record: a first column declared as a plain Column becomes
        the row's title, linking to its edit page (or its page, for those who only read)."""
        columns = list(super().columns)
        if columns and not isinstance(columns[0], TitleColumn):
            first = columns[0]

            def get_url(instance):
                return self.get_edit_url(instance) or self.get_inspect_url(instance)

            columns[0] = self._get_title_column_class(TitleColumn)(
                first.name,
                label=first.label,
                accessor=first.accessor,
                sort_key=first.sort_key,
                classname=first.classname,
                width=first.width,
                get_url=get_url,
            )
        return columns

    def get_base_queryset(self):
        queryset = scope.scoped(self.request.user, super().get_base_queryset(), "view")
        # Columns showing a related row (an organisation's unit, a term's organisation)
        # are joined in, so a page costs the same queries whatever its length.
        shown = {getattr(column, "name", column) for column in self.list_display}
        related = [
            field.name
            for field in queryset.model._meta.fields
            if field.many_to_one and field.name in shown
        ]
        return queryset.select_related(*related) if related else queryset

    def filter_queryset(self, queryset):
        # Wagtail lists every row when a filter cannot be read ("3/31/2026" as a date):
        # the filter shows its error, and the list shows nothing rather than rows the
        # user did not ask for.
        if self.filters and self.filters.is_bound and not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)


class ScopedEditView(_ScopedObjectMixin, generic.EditView):
    scope_action = "change"


class ScopedDeleteView(_ScopedObjectMixin, generic.DeleteView):
    scope_action = "delete"


def record_url(user, obj, *, in_scope=False):
    """The page of `obj` (its inspect view) if it has one and `user` may see it, or None.
    in_scope: `obj` was read through the scope helper already (no second check)."""
    if obj is None:
        return None
    try:
        url = reverse(f"{obj._meta.model_name}:inspect", args=[obj.pk])
    except NoReverseMatch:
        return None
    if not in_scope and type(obj) in set(scope.registered_models()) and not scope.can(user, obj):
        return None
    return url


class ScopedInspectView(_ScopedObjectMixin, generic.InspectView):
    """A record's page: the rows it points to are links to their own pages, and the
    `related` lists (label, reverse accessor) show the rows pointing to it, each a link:
    a household lists its members, a directive its tasks."""

    template_name = "accounts/scoped_inspect.html"
    related = ()
    related_shown = 20

    def get_context_for_field(self, field_name):
        from django.core.exceptions import FieldDoesNotExist

        context = super().get_context_for_field(field_name)
        try:
            field = self.model._meta.get_field(field_name)
        except FieldDoesNotExist:
            return context
        if getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False):
            target = getattr(self.object, field.name, None)
            url = record_url(self.request.user, target)
            if url:
                context["value"] = format_html('<a href="{}">{}</a>', url, target)
        return context

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lists = []
        for label, accessor in self.related:
            # Through the scope helper like every read (deny by default): a related list
            # never shows a row its reader could not open.
            queryset = scope.scoped(self.request.user, getattr(self.object, accessor).all())
            rows = list(queryset[: self.related_shown + 1])
            lists.append(
                (
                    label,
                    [
                        (row, record_url(self.request.user, row, in_scope=True))
                        for row in rows[: self.related_shown]
                    ],
                    len(rows) > self.related_shown,
                )
            )
        context["related_lists"] = lists
        return context


class ScopedCopyView(_ScopedObjectMixin, generic.CopyView):
    pass


class ScopedHistoryView(_ScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(_ScopedObjectMixin, usage.UsageView):
    pass


class _ScopedChooserListMixin:
    def get_object_list(self):
        return scope.scoped(self.request.user, super().get_object_list(), "view")


class ScopedChooseView(_ScopedChooserListMixin, ChooseView):
    pass


class ScopedChooseResultsView(_ScopedChooserListMixin, ChooseResultsView):
    pass


class ScopedChosenView(ChosenView):
    def get_object(self, pk):
        return scope.access(self.request.user, self.model_class, pk, "view")


class ScopedChooserViewSet(ChooserViewSet):
    """A chooser (modal picker) offering only rows in the user's scope. Registering one
    for a model makes every ScopedModelForm use it for that model's fields."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView

    def on_register(self):
        super().on_register()
        _CHOOSER_WIDGETS[self.model] = self.widget_class


_CHOOSER_WIDGETS = {}


class ScopedModelViewSet(ModelViewSet):
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    copy_view_class = ScopedCopyView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    # Our listings search with plain database filters (accent folding is done by the
    # models' stored keys), and nothing links to these rows from pages: no search index
    # or reference index updates on every save.
    add_to_reference_index = False
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    export_formats = ["xlsx", "csv"]
    # Rows pointing to a record, listed on its page: (label, reverse accessor).
    inspect_related = ()

    @cached_property
    def menu_item_class(self):
        model = self.model

        def is_shown(_self, request):
            return may_use_model(request.user, model)

        return type(
            f"{model.__name__}MenuItem", (MenuItem,), {"is_shown": is_shown, "model": model}
        )

    # What an empty list offers to do next, besides adding a row (ScopedIndexView).
    empty_actions = ()

    def get_index_view_kwargs(self, **kwargs):
        kwargs = super().get_index_view_kwargs(**kwargs)
        if self.empty_actions:
            kwargs["empty_actions"] = self.empty_actions
        return kwargs

    def get_inspect_view_kwargs(self, **kwargs):
        kwargs = super().get_inspect_view_kwargs(**kwargs)
        if self.inspect_related:
            kwargs["related"] = self.inspect_related
        return kwargs

    def get_form_class(self, for_update=False):
        if self._edit_handler:
            return self._edit_handler.get_form_class()
        # A viewset that lists `form_fields` gets them on ScopedModelForm too (Wagtail
        # would build a plain ModelForm offering every unit of the tree).
        return modelform_factory(
            self.model,
            form=ScopedModelForm,
            formfield_callback=formfield_for_dbfield,  # Wagtail's registry (dvs.lib.forms)
            fields=self.get_form_fields(),
            exclude=self.get_exclude_form_fields(),
        )


class UserViewSet(wagtail_users.UserViewSet):
    """Wagtail's user admin with our user's full name, position and phone."""

    def get_form_class(self, for_update=False):
        from .forms import UserCreationForm, UserEditForm

        return UserEditForm if for_update else UserCreationForm


def _reaches_below(user, unit_path):
    """Whether the subtree at `unit_path` holds units below it (cached on the user)."""
    cache = user.__dict__.setdefault("_dvs_reaches_below", {})
    if unit_path not in cache:
        cache[unit_path] = (
            Unit.objects.filter(path__startswith=unit_path).exclude(path=unit_path).exists()
        )
    return cache[unit_path]


READING = "reading"  # a screen's marker in register_screens: it only shows figures


def may_use(user, permission, *, reading=False):
    """Whether a menu item leading to a screen that needs `permission` is worth showing.

    A screen where the user acts (any permission but "view") is shown to whoever holds
    the permission. A screen where the user only reads ("app.view_model" and no other
    permission on that model) is shown when one of the grants reading it oversees units
    below its own: a neighbourhood committee does not get the near-empty lists of its one
    neighbourhood's units, terms or reception sessions, a ward or a city does."""
    if not user.has_perm(permission):
        return False
    if user.is_superuser:
        return True
    app_label, codename = permission.split(".", 1)
    if not codename.startswith("view_"):
        return True
    model_name = codename.removeprefix("view_")
    if not reading and any(
        held.startswith(f"{app_label}.")
        and held.endswith(f"_{model_name}")
        and not held.startswith(f"{app_label}.view_")
        for held in user.get_all_permissions()
    ):
        return True
    from django.apps import apps

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        model = None
    rule = scope._REGISTRY.get(model)
    for grant in scope.grants(user):
        if not scope.role_allows(grant.role, permission):
            continue
        if grant.organisation_id and rule and rule.organisation_limited_sees_nothing:
            continue
        if _reaches_below(user, grant.unit_path):
            return True
    return False


def may_use_model(user, model):
    """may_use for a model's listing: any of its add, change, delete or view."""
    opts = model._meta
    return any(
        may_use(user, f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("add", "change", "delete", "view")
    )


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with a permission (and, for a reading screen,
    only to those who oversee units below their own: see may_use)."""

    def __init__(self, *args, permission, reading=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission
        self.reading = reading

    def is_shown(self, request):
        return may_use(request.user, self.permission, reading=self.reading)


def register_screens(hook_name, screens, start=1):
    """Put an app's screens that are not model listings in its menu group (the group's
    `submenu_hook`): each (label, URL name, icon, permission), in this order; a fifth
    item READING marks a screen of figures only, shown to those who oversee units below
    their own even when they act on its model (see may_use)."""
    for order, (label, url_name, icon, permission, *marks) in enumerate(screens, start=start):
        hooks.register(
            hook_name,
            partial(_screen_menu_item, label, url_name, icon, permission, order, READING in marks),
        )


def _screen_menu_item(label, url_name, icon, permission, order, reading=False):
    return PermissionMenuItem(
        label,
        reverse(url_name),
        icon_name=icon,
        order=order,
        permission=permission,
        reading=reading,
    )


class UnitFilterSet(WagtailFilterSet):
    """Listing filters with "Unit": the units the user sees (down to `unit_depth` levels
    where a tree of thousands would make the list unusable), and the rows of the chosen
    unit's subtree."""

    unit_depth = None
    unit = ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.none(), method="filter_unit")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            units = scope.scoped(request.user, Unit)
            if self.unit_depth:
                units = units.filter(depth__lte=self.unit_depth)
            self.filters["unit"].queryset = units.order_by("path")

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path) if value else queryset


# Forms and views that save through an action ---------------------------------------------


def add_errors(form, error):
    """Put an action's ValidationError on the form's fields (or on the form)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class ActionModelForm(ScopedModelForm):
    """A model form saved by `create(by=…, **fields)` or `update(instance, by=…,
    **changed fields)`: the subclass points these at its app's actions."""

    def action_fields(self):
        names = self.changed_data if self.instance.pk else list(self.cleaned_data)
        return {
            name: self.cleaned_data[name]
            for name in names
            if name in self.cleaned_data and not self.fields[name].disabled
        }

    def save_by(self, user):
        fields = self.action_fields()
        if self.instance.pk:
            return self.update(self.instance, by=user, **fields)
        return self.create(by=user, **fields)

    def save(self, commit=True):  # Wagtail's views call save_by through ActionViews
        return self.save_by(self.for_user)


class ActionSaveMixin:
    """Create and edit views whose form saves through its action (`form.save_by`); the
    action's refusal goes back on the form, nothing saved. With a scoped viewset use
    ActionViewSet; with reference data, mix it into Wagtail's generic views."""

    def save_instance(self):
        return self.form.save_by(self.request.user)

    def form_valid(self, form):
        from django.core.exceptions import ValidationError

        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_errors(form, error)
            # Wagtail sets the page's error message only for a form invalid on its own.
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ActionCreateView(ActionSaveMixin, ScopedModelViewSet.add_view_class):
    pass


class ActionEditView(ActionSaveMixin, ScopedEditView):
    pass


class ActionDeleteView(ScopedDeleteView):
    """A delete through the viewset's delete action (`delete_function(obj, by=user)`),
    which checks the user's permission itself and does what the row's removal implies;
    its refusal is shown on the confirmation page, nothing deleted. Without one, Wagtail's
    own delete."""

    delete_function = None

    def delete_action(self):
        if self.delete_function is None:
            return super().delete_action()
        self.delete_function(self.object, by=self.request.user)

    def form_valid(self, form):
        from django.contrib import messages
        from django.core.exceptions import ValidationError
        from django.shortcuts import redirect

        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.request.get_full_path())


class ActionViewSet(ScopedModelViewSet):
    """A scoped viewset whose create and edit save through `form_class.save_by`, and
    whose delete goes through `delete_function` when it names one (a staticmethod)."""

    add_view_class = ActionCreateView
    edit_view_class = ActionEditView
    form_class = None
    delete_view_class = ActionDeleteView
    delete_function = None

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(delete_function=self.delete_function, **kwargs)

    def get_form_class(self, for_update=False):
        return self.form_class
