"""The year's evaluation published, disputed, corrected and fixed (公示 → 异议 → 核实 → 调整 → 定案).

- :mod:`geo.publication.versions`: versions in the store (草稿 → 公示 → 定案, locked when fixed).
- :mod:`geo.publication.inputs`: what a version evaluated (input values, layer digests, land list).
- :mod:`geo.publication.results`: versions made from evaluations; evaluated again after objections.
- :mod:`geo.publication.objections`: 异议 with evidence, decided 采纳 / 驳回; the register as XLSX.
- :mod:`geo.publication.compare`: two versions side by side.
- :mod:`geo.publication.titles`: a version's title in the reader's language (the atlas's own words).
- :mod:`geo.publication.exports`: the workbooks naming the version and its state (text never a formula).
"""
