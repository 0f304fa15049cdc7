"""``python -m geo.cli evaluate``: the yearly 亩均 batch run from files to CSV or GeoPackage.

Zones (GeoPackage, GeoJSON, shapefile) + an enterprise table (CSV, XLSX, GeoPackage, GeoJSON)
+ an optional evaluation YAML in; per-zone metrics, per-enterprise classes, the D-class
low-efficiency land list and the land renewal could free per zone out. With ``--parcels``, land
comes from the parcels' geometry (EPSG:4549) and the 低效用地 parcels, the parcel indicators and
the grant-contract check are written too. With last year
(``--previous``, or ``--year`` in a table with a year column): the class transitions
(NEW/GONE/T), each enterprise's change, the early warnings and what each class pays.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields, replace
from pathlib import Path

import pandas as pd

from geo import batch, ingest
from geo.cli.arguments import add_table_arguments
from geo.cli.io import parse_pairs
from geo.evaluation import CLASSES
from geo.evaluation.grouped import group_counts
from geo.evaluation.published import list_methods
from geo.exports import run_files
from geo.exports import tables as export
from geo.exports.zone_tables import zone_scores_bytes
from geo.storage.provenance import Provenance


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``evaluate`` subcommand."""
    p = subparsers.add_parser(
        "evaluate",
        help="亩均效益评价：区域指标 + 企业 A/B/C/D 分类",
        description=(
            "读入区域边界与企业表，按位置（或区镇名称字段）把企业归入区域，计算各区域总量与亩均指标，"
            "并按评价配置给每家企业打分、排名、分 A/B/C/D 类；输出 CSV 或 GeoPackage。"
        ),
    )
    p.add_argument("zones", type=Path, help="区域边界文件（.gpkg/.geojson/.shp/.zip）")
    p.add_argument("enterprises", type=Path, help="企业表（.csv/.xlsx/.gpkg/.geojson）")
    p.add_argument(
        "-c",
        "--config",
        type=Path,
        default=None,
        help="评价配置 YAML（缺省用 geo/evaluation/evaluation.yaml）",
    )
    p.add_argument(
        "--method",
        default=None,
        help="县区公布的评价方法（" + "、".join(m.name for m in list_methods()) + "），代替 --config",
    )
    p.add_argument("-o", "--out", type=Path, required=True, help="输出目录（CSV）或 .gpkg 文件")
    p.add_argument("--format", choices=("csv", "gpkg"), default=None, help="输出格式；缺省按 --out 的扩展名")
    p.add_argument("--zones-layer", default=None, help="区域文件中的图层名")
    p.add_argument("--enterprises-layer", default=None, help="企业文件中的图层名或 Excel 工作表名")
    p.add_argument("--zone-id", default=None, help="区域名称/编码字段（缺省 name）")
    p.add_argument(
        "--zone-column", default=None, help="按企业表中的区镇名称/编码字段归属，而不是按位置（如 town）"
    )
    add_table_arguments(p, frame_flag="--coords", what="企业表")
    p.add_argument("--report", type=Path, default=None, help="把企业表的逐行校验报告写到此 CSV")
    p.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="输出表头：en 英文字段名（缺省），zh 中文"
    )
    p.add_argument(
        "--parcels",
        type=Path,
        default=None,
        help="宗地图层（.gpkg/.geojson/.zip/.kml）：企业用地面积改按宗地面积（EPSG:4549）计，企业表可无用地字段",
    )
    p.add_argument("--parcels-layer", default=None, help="宗地文件中的图层名")
    p.add_argument(
        "--controls",
        type=Path,
        default=None,
        help="用地控制指标与低效用地规则 YAML（缺省 geo/land/land_control.yaml）",
    )
    p.add_argument("--check-year", type=int, default=None, help="履约检查年份（缺省取控制指标配置）")
    p.add_argument(
        "--previous",
        type=Path,
        default=None,
        metavar="PREV",
        help=(
            "上年结果：上年企业表（按相同区域与配置评价），或上年的 enterprise_classes 输出（含 eval_class，"
            "按已公布类别比较）；写出 class_transitions、enterprise_changes、early_warnings"
        ),
    )
    p.add_argument("--previous-layer", default=None, help="上年文件中的图层名或 Excel 工作表名")
    p.add_argument(
        "--year",
        type=int,
        default=None,
        help=(
            "评价年份：从带 year 字段的企业表中取该年，并与其上一年比较（表中有上一年时）；"
            "表中无 year 字段时即为该表的年份（用于投产年限与按年费率）"
        ),
    )
    p.add_argument(
        "--scope",
        default=None,
        help="评价范围：只评价区域图层中该区域（如 昆山市）内的企业，基准按其自身计算；缺省全部区域",
    )
    p.add_argument(
        "--zones-out",
        type=Path,
        default=None,
        metavar="FILE",
        help=(
            "区镇/园区评价表（.xlsx 或 .csv）：各区镇汇总亩均指标、得分、排名、类别、企业类别构成、D 类用地，"
            "有上年时含年度变化；规则见 evaluation.yaml 的 zones 一节"
        ),
    )
    p.set_defaults(func=run)


# The fields of batch.EvaluationOptions whose command-line option has another name (the rest: its own).
OPTION_NAMES = {
    "config_path": "config",
    "frame": "coords",
    "mapping": "map",
    "parcels_path": "parcels",
    "controls_path": "controls",
    "previous_path": "previous",
}


def run(args: argparse.Namespace) -> int:
    """Run the evaluation from the parsed arguments; print a summary; return the exit status.

    Per-zone metrics need only ids, locations (or a zone column) and amounts; when the table
    cannot be classed they are still written, the reason is printed and the status is 2.
    """
    if args.zones_out is not None and args.zones_out.suffix.lower() not in (".csv", ".xlsx"):
        print("错误：--zones-out 应为 .xlsx 或 .csv 文件", file=sys.stderr)
        return 2
    options = batch.EvaluationOptions(
        **{f.name: getattr(args, OPTION_NAMES.get(f.name, f.name)) for f in fields(batch.EvaluationOptions)}
    )
    options = replace(options, mapping=parse_pairs(args.map, "字段对应"))
    run_, table = batch.evaluate_files(args.zones, args.enterprises, options)
    fmt = args.format or ("gpkg" if args.out.suffix.lower() == ".gpkg" else "csv")
    written = run_files.write_outputs(run_.outputs(), args.out, fmt=fmt, lang=args.lang)

    print(f"区域 {len(run_.zones)} 个，企业 {len(run_.enterprises)} 家")
    print(f"企业表{table.summary()}")
    if args.report is not None:
        args.report.write_bytes(export.csv_bytes(ingest.report_for_download(table.report)))
        print(f"逐行校验报告：{args.report}")
    if run_.result is not None:
        classes = run_.result.enterprises
        counts = classes["eval_class"].value_counts().reindex(list(CLASSES), fill_value=0)
        print(
            f"参评 {int(classes['scored'].sum())} 家；分类："
            + "，".join(f"{c} 类 {int(counts[c])} 家" for c in CLASSES)
        )
        for name, row in group_counts(classes).iterrows():
            print(
                f"评价组「{name}」：{int(row['n_enterprises'])} 家，参评 {int(row['n_scored'])} 家（"
                + "，".join(f"{c} 类 {int(row[f'n_{c}'])}" for c in CLASSES)
                + f"，T 类 {int(row['n_T'])}）"
            )
        d_land = classes.loc[classes["eval_class"] == "D", "land_mu"].sum()
        print(f"可腾退低效用地（D 类企业用地）合计 {d_land:.2f} 亩")
    assignment = run_.assignment
    if assignment.outside_ids:
        shown = "、".join(map(str, assignment.outside_ids[:20]))
        more = f" 等 {assignment.n_outside} 家" if assignment.n_outside > 20 else ""
        print(f"不在任何区域内的企业 {assignment.n_outside} 家：{shown}{more}")
    if args.zones_out is not None:
        write_zone_scores(run_, args, table.sha256)
    if run_.parcels is not None:
        analysis, low = run_.parcels, run_.parcels.low
        print(
            f"宗地 {len(analysis.indicators)} 宗，合计 {analysis.indicators['area_mu'].sum():.2f} 亩"
            f"（{'按企业编号' if analysis.join.method == 'id' else '按位置'}对应企业）；"
            f"认定低效用地 {len(low)} 宗，{low['area_mu'].sum():.2f} 亩"
        )
        verdicts = analysis.contracts["verdict"].value_counts()
        if len(verdicts):
            print("履约检查：" + "，".join(f"{k} {int(v)} 宗" for k, v in verdicts.items()))
        outside = analysis.indicators["zone"].isna()
        if outside.any():
            shown = "、".join(analysis.indicators.loc[outside, "parcel_id"].head(20))
            print(f"不在任何区域内的宗地 {int(outside.sum())} 宗：{shown}")
    if run_.renamed:
        print("说明：按字段名识别：" + "，".join(f"「{src}」→ {dst}" for dst, src in run_.renamed.items()))
    for note in run_.notes:
        print(f"说明：{note}")
    for path in written:
        print(f"已写出 {path}")
    for line in run_.summary:
        print(line)
    if run_.failure is not None:
        print(f"错误：未能做企业分类（区域指标已写出）：{run_.failure}", file=sys.stderr)
        return 2
    return 0


def write_zone_scores(run_: batch.EvaluationRun, args: argparse.Namespace, digest: str) -> None:
    """Write ``--zones-out`` (the zones scored, with last year's beside when known) and print the ranking."""
    scores = run_.zones_scored
    if scores is None:
        print("说明：未能做企业分类，区镇评价未写出")
        return
    method = next((m for m in list_methods() if m.name == args.method), None)
    provenance = Provenance(
        accuracy="real",
        source=f"企业表 {args.enterprises.name}" + (f"（SHA-256 {digest[:12]}）" if digest else ""),
    )
    fmt = "xlsx" if args.zones_out.suffix.lower() == ".xlsx" else "csv"
    lang = "zh" if args.lang == "zh" or fmt == "xlsx" else "en"
    args.zones_out.parent.mkdir(parents=True, exist_ok=True)
    args.zones_out.write_bytes(
        zone_scores_bytes(
            scores, fmt=fmt, provenance=provenance, lang=lang, method=method.title if method else ""
        )
    )
    ranked = scores.table.sort_values("rank", na_position="last")
    print(
        "区镇评价："
        + "，".join(
            f"{z} 第 {int(r['rank'])} 名 {r['zone_class']} 类（{r['score']:.2f} 分）"
            for z, r in ranked.iterrows()
            if pd.notna(r["rank"])
        )
    )
    print(f"已写出 {args.zones_out}")


__all__ = ["register", "run", "write_zone_scores"]
