"""The options several subcommands share: how a table's coordinates and columns are read, the store,
the user."""

from __future__ import annotations

import argparse

from geo.spatial.crs import FRAMES

STORE_HELP = (
    "用户数据存储：GeoPackage 路径或共享库 postgresql://用户:密码@主机:端口/库"
    "（默认 $ATLAS_DATABASE_URL，否则 $ATLAS_USER_GPKG 或 data/user/atlas_user.gpkg）"
)
USER_HELP = "记入留痕的操作人（默认 $ATLAS_USER 或系统用户名）"


def add_table_arguments(
    p: argparse.ArgumentParser, *, frame_flag: str, what: str = "", frame_default: str | None = "wgs84"
) -> None:
    """Add the options that say how a table is read, alike for ``import`` and ``evaluate``: the
    coordinate frame of its longitudes/latitudes (``frame_flag``: ``--frame`` or ``--coords``;
    ``frame_default`` None: no default, the command asks), the two coordinate columns, and
    ``--map`` 字段=列 (repeatable). ``what`` names the table in the help."""
    choices = "wgs84（GPS、天地图、OSM）、gcj02（高德/腾讯）、bd09（百度）"
    if frame_default is None:
        frame_help = (
            f"{what}经纬度的坐标框架（经纬度表格必填，没有默认值）：{choices}；"
            "带坐标系的文件（.prj、GeoPackage、GeoJSON）不需要"
        )
    else:
        frame_help = f"{what}经纬度的坐标框架：{choices}（缺省 {frame_default}）"
    p.add_argument(frame_flag, choices=FRAMES, default=frame_default, help=frame_help)
    p.add_argument("--lon-col", default=None, help=f"{what}经度列（缺省自动识别 lon/lng/经度）")
    p.add_argument("--lat-col", default=None, help=f"{what}纬度列（缺省自动识别 lat/纬度）")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="字段=列",
        help="字段对应，如 tax_wan_yuan=实缴税金（可重复；其余按表头自动识别）",
    )
