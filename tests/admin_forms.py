"""Back-office forms as a browser posts them."""


def change_form_data(response) -> dict:
    """The change form's fields as the browser would post them back, inlines' management forms included."""
    data = {}
    forms = [response.context["adminform"].form]
    inlines = response.context.get("inline_admin_formsets", [])
    for inline in inlines:
        formset = inline.formset
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        forms += list(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is not None:
                data[form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
    return data
