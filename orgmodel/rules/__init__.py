"""The rules: one module per rule, each registered with ``@register``.

Codes: OM1xx structure (levels, lines, spans, responsibility, size, labels);
OM2xx municipal principles (kommunedeler, hubs, saksbehandler, co-location,
authority, staffs, sizes).
"""
