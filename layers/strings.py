"""UI strings the map layers draw (legends, tooltips, layer titles): Chinese by default, English
switchable."""

from __future__ import annotations

from geo import i18n
from geo.i18n import Lang

# key -> (中文, English). Keys used by layers (and perhaps pages); geo's own are in geo/i18n.py.
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("苏州产业布局一张图", "Suzhou Industrial Layout Atlas"),
    "layer.carries": ("承载「{industry}」的开发区", "Zones carrying {industry}"),
    "layer.other_zones": ("其他开发区", "Other zones"),
    "layer.carriers_of": ("「{industry}」载体", "Carriers of {industry}"),
    "layer.other_carriers": ("其他载体", "Other carriers"),
    "layer.axis_dominant": ("「{industry}」为主导产业的轴", "Axes where {industry} leads"),
    "layer.axis_other": ("其他发展轴", "Other axes"),
    "layer.belt_dominant": ("「{industry}」为主导产业的带", "Belts where {industry} leads"),
    "layer.belt_other": ("其他发展带", "Other belts"),
    "layer.role.core": ("核心区镇", "Core town"),
    "layer.role.supporting": ("支撑区镇", "Supporting town"),
    "layer.role.none": ("未列入布局", "Not in the layout"),
    "layer.no_data": ("无法计算", "Not computable"),
    "layer.count_range": ("{low}–{high} 家", "{low}–{high} enterprises"),
    "layer.count_none": ("无企业", "No enterprises"),
    "export.user_group": ("导入", "Imported"),
    "user.area_km2": ("面积（平方公里）", "Area (km²)"),
    "user.name": ("名称", "Name"),
    "eff.class.A": ("A 优先发展", "A — prioritise"),
    "eff.class.B": ("B 鼓励提升", "B — encourage"),
    "eff.class.C": ("C 调整转型", "C — adjust"),
    "eff.class.D": ("D 整治淘汰", "D — rectify"),
    "eff.class.none": ("未参评", "Not scored"),
    "zones.class": ("{c} 类区镇", "Class {c} zone"),
    "zones.class.none": ("未评价（或企业过少不显示）", "Not scored (or too few firms to show)"),
    "zones.layer.title": ("区镇/园区亩均评价类别", "Zones by their efficiency class"),
    "eff.layer.title": ("企业亩均评价类别（合成）", "Enterprise efficiency classes (synthetic)"),
    "parcel.idle": ("闲置土地", "Idle land"),
    "parcel.below_min": ("低于控制下限（红框）", "Below the control minimum (red outline)"),
    "eff.warn.layer": ("预警企业", "Enterprises with warnings"),
    "city.layer": ("苏州全市企业（合成）", "Suzhou enterprises (synthetic)"),
    "city.cell_count": ("企业数（家）", "Enterprises"),
    "city.zoom_note": (
        "放大到 13 级显示视图内企业点位、15 级再显示宗地（查看企业及以上角色；查看汇总只看网格企业数）",
        "Zoom to 13 for the enterprises in view, 15 for parcels "
        "(roles seeing enterprises; summary: cell counts)",
    ),
    "city.f.name": ("企业名称", "Enterprise"),
    "city.f.industry": ("行业", "Industry"),
    "city.f.district": ("县级市（区）", "District"),
    "city.f.land_mu": ("用地（亩）", "Land (mu)"),
    "city.f.tax_per_mu": ("亩均税收（万元/亩）", "Tax per mu (10k yuan)"),
    "city.f.class": ("评价类别", "Class"),
    "city.f.parcel": ("宗地编号", "Parcel"),
    "city.f.area_mu": ("面积（亩）", "Area (mu)"),
    "city.f.far": ("容积率", "Floor area ratio"),
    "city.zoom_hint.points": (
        "放大以显示企业点位（视图内 {n} 家）",
        "Zoom in to show the enterprises ({n} in view)",
    ),
    "city.zoom_hint.parcels": (
        "放大以显示宗地（视图内 {n} 宗）",
        "Zoom in to show the parcels ({n} in view)",
    ),
    "city.f.far_min": ("容积率下限", "Minimum FAR"),
    "city.f.coverage": ("建筑系数（%）", "Building coverage (%)"),
    "city.f.below": ("低于控制下限", "Below the control minimum"),
    "city.yes": ("是", "yes"),
    "city.no": ("否", "no"),
    "city.int.layer": ("苏州全市宗地用地强度（合成）", "Suzhou parcels' land-use intensity (synthetic)"),
    "city.int.cell_count": ("宗地数（宗）", "Parcels"),
    "city.int.below_pct": ("低于控制下限占比（%）", "Below the control minimum (%)"),
    "city.int.far_mean": ("平均容积率（按面积加权）", "Mean FAR (area-weighted)"),
    "city.int.n_below": ("低于控制下限（宗）", "Below the control minimum"),
    "city.int.zoom_note": (
        "放大到 15 级显示视图内宗地：按容积率着色，低于控制下限者红框（查看企业及以上角色）",
        "Zoom to 15 for the parcels in view: coloured by FAR, red outline below the control minimum "
        "(roles seeing enterprises)",
    ),
    "map.hint.wheel": ("按住 Ctrl 滚动以缩放地图", "Use Ctrl + scroll to zoom the map"),
    "map.hint.wheel_mac": ("按住 Command 键滚动以缩放地图", "Use Command + scroll to zoom the map"),
    "map.hint.touch": ("使用双指移动和缩放地图", "Use two fingers to move and zoom the map"),
    "eff.warn.legend": ("预警企业（{n:,} 家，紫色外圈）", "With warnings ({n:,}, purple ring)"),
}


def t(key: str, lang: Lang = i18n.DEFAULT_LANG) -> str:
    """The string for ``key`` in ``lang`` (layers' table, then geo's); an unknown key raises KeyError."""
    if key in STRINGS:
        zh, en = STRINGS[key]
        return en if lang == "en" else zh
    return i18n.t(key, lang)
