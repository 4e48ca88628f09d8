"""Real administrative units from the `vietnam-provinces` package (data of the National
Statistics Office, after the 2025 reform: province → commune/ward/special zone)."""

import vietnam_provinces as vp

from .models import Level, Unit


def province_code(code):
    return f"P{code:02d}"


def ward_code(code):
    return f"X{code:05d}"


def load_province(code):
    """Create (or complete) a province and its communes; returns (province, created)."""
    try:
        source = vp.Province.from_code(vp.ProvinceCode(code))
    except ValueError:
        raise ValueError(f"Unknown province code {code}.") from None
    created = 0
    province = Unit.objects.filter(code=province_code(code)).first()
    if province is None:
        province = Unit.add_root(code=province_code(code), name=source.name, level=Level.PROVINCE)
        created += 1
    existing = set(Unit.objects.subtree_of(province).values_list("code", flat=True))
    for ward in sorted(vp.Ward.iter_by_province(vp.ProvinceCode(code)), key=lambda w: w.code):
        if ward_code(ward.code) in existing:
            continue
        province.add_child(code=ward_code(ward.code), name=ward.name, level=Level.COMMUNE)
        province.refresh_from_db()
        created += 1
    return province, created
