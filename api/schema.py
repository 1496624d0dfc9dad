"""Additions to the generated OpenAPI schema (drf-spectacular's POSTPROCESSING_HOOKS)."""

ERROR_CONTENT = {
    "application/json": {"schema": {"type": "object", "additionalProperties": {"type": "array"}}}
}


def document_list_errors(result, generator, request, public):
    """Every paginated list answers 400 for a bad `page`, `per_page` or filter value ({parameter: [messages]}) and
    404 for a page past the last; drf-spectacular documents only the 200."""
    for operations in result.get("paths", {}).values():
        listing = operations.get("get")
        if not listing or not any(p.get("name") == "page" for p in listing.get("parameters", [])):
            continue
        listing["responses"].setdefault(
            "400",
            {
                "description": "A page, per_page or filter value that is not valid: {parameter: [messages]}.",
                "content": ERROR_CONTENT,
            },
        )
        listing["responses"].setdefault(
            "404",
            {
                "description": "A page past the last.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
        )
    return result
