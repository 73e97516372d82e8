"""Messages of saved results, numbers, gates, scoring, diff and plans."""

ID: dict[str, str] = {
    "model.plan.bad_target": "--target: {target} bukan predikat ({names}) dan bukan indeks",
    "model.plan.target_outside": "--target: {target} di luar rentang indeks {min}–{max}",
    "model.number.bad": "{what}: {text} bukan angka (tulis seperti 2.6 atau 0,05)",
    "model.limit.bad": "'{value}' bukan bilangan bulat dari 1 sampai {most}",
    # gates: usage
    "model.gate.part_syntax": (
        "--min-domain: {spec} tidak berbentuk ID=NILAI (misalnya D3=2.0 atau A5=2)"
    ),
    "model.gate.no_predikat": "--min-predikat: {typed} bukan salah satu dari {names}",
    "model.gate.no_part": "--min-domain: {part} bukan salah satu dari {known}",
    # gates: what a result misses
    "model.gate.index": "indeks {index} < {want} (kurang {short})",
    "model.gate.not_band": "predikat {typed} tidak ada pada rubrik {rubric}",
    "model.gate.predikat": "predikat {have} di bawah {want}",
    "model.gate.part_missing": "{part} tidak ada pada rubrik {rubric}",
    "model.gate.part": "{part} {got} < {want} (kurang {short})",
    "model.gate.fell": "indeks turun {old} → {new} ({delta}, toleransi {tolerance})",
    "model.gate.predikat_fell": "predikat turun {old} → {new}",
    # saved results and summaries read back
    "model.saved.rubric_not_builtin": (
        "hasil ini dinilai dengan rubrik {rubric}, yang bukan rubrik bawaan; berikan berkasnya"
        " dengan --rubric"
    ),
    "model.saved.nothing_here": "tidak ada berkas jawaban atau summary.json di sini",
    "model.load.a_result": "hasil spbe",
    "model.load.a_summary": "ringkasan spbe",
    "model.load.utf8": "bukan teks UTF-8: bukan {what}",
    "model.load.deep": "JSON tidak valid: bersarang terlalu dalam",
    "model.load.invalid_json": "JSON tidak valid: {why}",
    "model.load.json_constant": "{text} bukan angka yang diizinkan JSON",
    "model.load.digits": "angka {number}… memiliki terlalu banyak digit",
    "model.load.range": "angka {number} di luar jangkauan",
    "model.load.not_number": "bukan angka",
    "model.load.not_object": "bukan {what} (seharusnya objek JSON)",
    "model.load.version": "{version} bukan format hasil yang dibaca versi ini ({known})",
    "model.load.missing": "tidak ada",
    "model.load.text": "seharusnya teks",
    "model.load.whole": "seharusnya bilangan bulat",
    "model.load.bool": "seharusnya true atau false",
    "model.load.list": "seharusnya daftar",
    "model.load.object": "seharusnya objek",
    "model.load.too_long": "terlalu banyak entri atau karakter",
    "model.load.empty": "tidak boleh kosong",
    "model.load.too_small": "terlalu kecil",
    "model.load.too_large": "terlalu besar",
    "model.load.invalid": "bukan nilai yang sah",
    "model.load.must_be": "harus {expected}",
    "model.load.not_in_rubric": "{id} tidak ada pada rubrik {rubric}",
    "model.load.outside": "di luar {lo}–{hi}",
    "model.load.weight": "bobot menurut rubrik adalah {want}",
    "model.load.index": "menurut rubrik, tingkat-tingkat ini menghasilkan {index}",
    "model.load.missing_scored": "tidak ada, padahal baris ini dinilai",
    # batch and check runs
    "model.batch.internal": (
        "{file}: galat internal (mohon laporkan sebagai bug): {kind}: {detail}"
    ),
    "model.batch.duplicate": (
        "{file}: {name} {year} juga ada di {others}; simpan satu berkas jawaban per instansi"
        " dan tahun"
    ),
    "model.check.no_previous": "tidak ada berkas jawaban atau summary.json",
    "model.check.not_summary": "bukan ringkasan spbe",
    "model.check.no_rows": "bukan ringkasan spbe (tidak ada rows)",
}

EN: dict[str, str] = {
    "model.plan.bad_target": "--target: {target} is neither a predikat ({names}) nor an index",
    "model.plan.target_outside": "--target: {target} is outside the index range {min}–{max}",
    "model.number.bad": "{what}: {text} is not a number (write it like 2.6 or 0,05)",
    "model.limit.bad": "'{value}' is not a whole number from 1 to {most}",
    "model.gate.part_syntax": ("--min-domain: {spec} is not ID=VALUE (for example D3=2.0 or A5=2)"),
    "model.gate.no_predikat": "--min-predikat: {typed} is not one of {names}",
    "model.gate.no_part": "--min-domain: {part} is not one of {known}",
    "model.gate.index": "index {index} < {want} (short by {short})",
    "model.gate.not_band": "predikat {typed} is not a band of rubric {rubric}",
    "model.gate.predikat": "predikat {have} is below {want}",
    "model.gate.part_missing": "{part} does not exist in rubric {rubric}",
    "model.gate.part": "{part} {got} < {want} (short by {short})",
    "model.gate.fell": "index fell {old} → {new} ({delta}, tolerance {tolerance})",
    "model.gate.predikat_fell": "predikat fell {old} → {new}",
    "model.saved.rubric_not_builtin": (
        "result was scored with rubric {rubric}, which is not built in; give its file with --rubric"
    ),
    "model.saved.nothing_here": "no answer files or summary.json here",
    "model.load.a_result": "a spbe result",
    "model.load.a_summary": "a spbe summary",
    "model.load.utf8": "not UTF-8 text: not {what}",
    "model.load.deep": "invalid JSON: nested too deeply",
    "model.load.invalid_json": "invalid JSON: {why}",
    "model.load.json_constant": "{text} is not a number JSON allows",
    "model.load.digits": "the number {number}… has too many digits",
    "model.load.range": "the number {number} is out of range",
    "model.load.not_number": "not a number",
    "model.load.not_object": "not {what} (expected a JSON object)",
    "model.load.version": "{version} is not a result format this version reads ({known})",
    "model.load.missing": "missing",
    "model.load.text": "expected text",
    "model.load.whole": "expected a whole number",
    "model.load.bool": "expected true or false",
    "model.load.list": "expected a list",
    "model.load.object": "expected an object",
    "model.load.too_long": "too many entries or characters",
    "model.load.empty": "must not be empty",
    "model.load.too_small": "too small",
    "model.load.too_large": "too large",
    "model.load.invalid": "not a valid value",
    "model.load.must_be": "must be {expected}",
    "model.load.not_in_rubric": "{id} is not in rubric {rubric}",
    "model.load.outside": "outside {lo}–{hi}",
    "model.load.weight": "the rubric's weight is {want}",
    "model.load.index": "the levels give {index} under the rubric",
    "model.load.missing_scored": "missing for a scored row",
    "model.batch.internal": "{file}: internal error (please report this bug): {kind}: {detail}",
    "model.batch.duplicate": (
        "{file}: {name} {year} is also in {others}; keep one answer file per institution and year"
    ),
    "model.check.no_previous": "no answer files or summary.json",
    "model.check.not_summary": "not a spbe summary",
    "model.check.no_rows": "not a spbe summary (no rows)",
}
