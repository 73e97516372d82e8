"""Messages of answer files: workbooks, CSV, JSON/YAML answers, discovery of files, evidence."""

ID: dict[str, str] = {
    "input.selected.option": "diberikan dengan --rubric",
    "input.selected.workbook": "disebut di buku kerja",
    "input.selected.year": "dipilih menurut tahun {year}",
    "input.where.line": "baris {line}",
    "input.where.line_path": "baris {line}, {path}",
    "input.where.row": "baris {row}",
    "input.where.identity_rows": "baris identitas",
    "input.where.answer_table": "tabel jawaban",
    "input.where.sheet_number": "lembar ke-{number}",
    "input.word.none": "tidak ada",
    "input.what.file": "berkas",
    "input.what.rubric_file": "berkas rubrik",
    "input.read.not_found": "berkas tidak ditemukan",
    "input.read.folder": "ini folder, bukan {what}",
    "input.read.cannot": "{what} tidak dapat dibaca: {reason}",
    "input.read.not_regular": "ini {kind}, bukan {what}; hanya berkas biasa yang dibaca",
    "input.read.too_big": "{what} berukuran {size} bita; batasnya {limit}",
    "input.read.grew": "{what} bertambah melewati batas {limit} bita saat sedang dibaca",
    "input.kind.folder": "folder",
    "input.kind.fifo": "pipa bernama (FIFO)",
    "input.kind.device": "perangkat",
    "input.kind.socket": "soket",
    "input.kind.other": "bukan berkas biasa",
    "input.file.empty": "berkas ini kosong",
    "input.file.unsupported": "jenis berkas {suffix} tidak didukung; gunakan {known}",
    "input.file.no_suffix": "jenis berkas tidak dikenali (tanpa ekstensi); gunakan {known}",
    "input.text.broken_utf16": "teks UTF-16 rusak: bukan berkas {kind}",
    "input.text.binary": "isi biner: bukan berkas teks {kind}",
    "input.skip.output_folder": "di dalam folder keluaran, yang tidak pernah ditelusuri",
    "input.skip.earlier_output": (
        "folder keluaran spbe batch sebelumnya (ada .spbe-manifest.json), tidak ditelusuri"
    ),
    "input.skip.hidden": "tersembunyi atau berkas kunci aplikasi perkantoran",
    "input.skip.link_outside": "tautan ke tempat di luar folder yang diberikan",
    "input.skip.unreadable": "tidak dapat dibaca: {reason}",
    "input.skip.not_regular": "{kind}, bukan berkas biasa",
    "input.skip.file_type": "bukan jenis berkas jawaban",
    "input.skip.no_section": "tidak ada bagian identitas/jawaban",
    "input.skip.not_answers": "bukan berkas jawaban",
    "input.discovery.folder": "folder ini tidak dapat dibaca: {reason}",
    "input.xlsx.unreadable": "buku kerja tidak dapat dibaca (rusak atau terpotong?)",
    "input.xlsx.parts": "buku kerja berisi {parts} bagian; batasnya {limit} (SPBE_MAX_ZIP_PARTS)",
    "input.xlsx.part_size": (
        "{part} berukuran {size} bita setelah diekstrak; batasnya {limit}"
        " (SPBE_MAX_UNPACKED_PART_MB)"
    ),
    "input.xlsx.size": (
        "buku kerja berukuran {size} bita setelah diekstrak; batasnya {limit}"
        " (SPBE_MAX_UNPACKED_MB)"
    ),
    "input.xlsx.part_mismatch": "buku kerja rusak (sebuah bagian tidak cocok dengan kepalanya)",
    "input.xlsx.shared_strings": (
        "{part} menyatakan {strings} teks dalam {size} bita; buku kerja rusak (simpan ulang dari"
        " program lembar kerja)"
    ),
    "input.xlsx.password": "buku kerja dilindungi kata sandi; simpan salinan tanpa kata sandi",
    "input.xlsx.lock_file": (
        "ini berkas kunci Excel untuk {workbook}, bukan buku kerja: tutup buku kerja itu di"
        " Excel, lalu nilai {workbook}"
    ),
    "input.xlsx.not_spreadsheet": (
        "bukan lembar kerja (.xlsx, .xlsm, .xls atau .ods) meskipun namanya demikian"
    ),
    "input.xlsx.lookalike": (
        "nama lembar '{sheet}' mirip {like} tetapi memuat huruf Sirilik atau Yunani; ganti"
        " namanya (atau hapus lembarnya)"
    ),
    "input.xlsx.several_sheets": "beberapa lembar bisa menjadi lembar {role}: {sheets}",
    "input.xlsx.no_sheet": "tidak ada lembar {wanted} (atau {other}); lembar yang ada: {sheets}",
    "input.sheet.empty": "lembar ini kosong",
    "input.sheet.no_header": (
        "tidak ada baris judul dengan {number} dan {level} dalam {rows} baris pertama"
    ),
    "input.sheet.too_big": (
        "lembar ini memakai {rows} baris × {columns} kolom; lembar jawaban dibatasi {max_rows} ×"
        " {max_columns} (SPBE_MAX_ROWS, SPBE_MAX_COLUMNS)"
    ),
    "input.sheet.part_mismatch": (
        "bagian berkas untuk lembar ini rusak (tidak cocok dengan kepalanya)"
    ),
    "input.sheet.unreadable": "lembar ini tidak dapat dibaca: {detail}",
    "input.sheet.out_of_range": (
        "lembar ini tidak dapat dibaca: nilai sebuah sel di luar jangkauan ({detail})"
    ),
    "input.csv.separators": (
        "lebih dari {separators} pemisah dalam satu baris; lembar jawaban dibatasi {rows} ×"
        " {columns} (SPBE_MAX_ROWS, SPBE_MAX_COLUMNS)"
    ),
    "input.csv.columns": (
        "{found} kolom; lembar jawaban dibatasi {rows} × {columns} (SPBE_MAX_ROWS,"
        " SPBE_MAX_COLUMNS)"
    ),
    "input.csv.rows": "lebih dari {rows} baris (SPBE_MAX_ROWS)",
    "input.csv.invalid": "CSV tidak valid: {detail}",
    "input.mapping.long_number": "angka {number}… lebih dari 30 digit",
    "input.mapping.duplicate_key": "kunci {name} muncul dua kali",
    "input.mapping.json_deep": "JSON tidak valid: susunannya bersarang terlalu dalam",
    "input.mapping.json_invalid": "JSON tidak valid",
    "input.mapping.json_syntax": (
        "JSON tidak valid pada kolom {column}: periksa koma, tanda kutip, dan tanda kurung"
    ),
    "input.mapping.not_mapping": "seharusnya berupa pemetaan dengan identitas dan jawaban",
    "input.mapping.unknown_section": (
        "bagian {section} tidak dikenal (seharusnya identitas dan jawaban)"
    ),
    "input.mapping.no_identity": "bagian identitas (atau identity) tidak ada",
    "input.mapping.no_answers": "bagian jawaban (atau answers) tidak ada",
    "input.mapping.an_escape": "sebuah escape \\u",
    "input.mapping.surrogate": (
        "{escape} hanya separuh karakter (surrogate tunggal); tulis karakternya langsung"
    ),
    "input.mapping.identity_not_mapping": "identitas harus berupa pemetaan kunci: nilai",
    "input.mapping.unknown_identity_key": "kunci identitas {name} tidak dikenal",
    "input.mapping.answer_not_mapping": (
        "setiap jawaban harus berupa pemetaan dengan no dan tingkat"
    ),
    "input.mapping.answers_not_mapping": "jawaban harus memetakan nomor indikator ke tingkat",
    "input.mapping.unknown_field": "kolom jawaban {field} tidak dikenal",
    "input.identity.label.name": "Instansi",
    "input.identity.label.year": "Tahun",
    "input.identity.label.code": "Kode",
    "input.identity.label.type": "Jenis",
    "input.identity.label.province": "Provinsi",
    "input.identity.label.rubric": "Rubrik",
    "input.identity.label.stage": "Tahap",
    "input.identity.missing": "{label} belum diisi",
    "input.identity.year": "Tahun harus berupa tahun seperti 2024, bukan {text}",
    "input.identity.two_types": "{label} {text} menyebut dua jenis: tulis Kementerian atau Lembaga",
    "input.identity.choice": "{label} {text} tidak termasuk pilihan: {allowed}",
    "input.identity.name_long": "Instansi lebih dari 300 karakter",
    "input.identity.name_mixed": (
        "Instansi '{name}' mencampur huruf Latin dengan huruf Sirilik atau Yunani yang mirip;"
        " ketik ulang namanya dengan huruf Latin"
    ),
    "input.identity.twice": "{name} diisi dua kali (pertama di {first})",
    "input.rubric.unknown": "id rubrik {id} tidak dikenal; yang tersedia: {known}",
    "input.answer.no_number": "ada tingkat tanpa nomor indikator (No) di barisnya",
    "input.answer.below_note": (
        "ada jawaban di bawah catatan di {note}, padahal catatan mengakhiri tabel jawaban;"
        " pindahkan catatan ke bawah jawaban terakhir"
    ),
    "input.answer.unknown": (
        "indikator {item} tidak dikenal (rubrik {rubric}, {how}, memuat {first}–{last})"
    ),
    "input.answer.twice": "indikator {item} dijawab dua kali (pertama di {first})",
    "input.answer.no_level": "tingkat indikator {item} belum diisi (seharusnya {range})",
    "input.answer.not_answered": "indikator {item} belum dijawab ({name})",
    "input.level.for_indicator": "{problem} untuk indikator {item}",
    "input.level.hint": "{problem}; {hint}",
    "input.level.of_column": "{column}: {problem}",
    "input.level.too_long": "{text}… bukan tingkat",
    "input.level.not_number": "{text} bukan angka",
    "input.level.not_level": "{text} bukan tingkat",
    "input.level.spreadsheet_error": "sel berisi galat lembar kerja {error}",
    "input.level.formula": "rumus {formula} tidak punya nilai tersimpan",
    "input.level.formula_hint": (
        "buka dan simpan buku kerja di program lembar kerja, atau ketik tingkatnya"
    ),
    "input.level.date": "tanggal/waktu ({date}) bukan tingkat",
    "input.level.date_hint": "ubah format sel menjadi angka",
    "input.level.not_finite": "sel tidak berisi angka terhingga",
    "input.level.far": "{value} jauh di luar {range}",
    "input.level.long_text": "{text}… ({chars} karakter) bukan tingkat",
    "input.level.type": "nilai {type} bukan tingkat",
    "input.level.outside": "tingkat {level} di luar {range}",
    "input.level.not_whole": "tingkat {level} bukan tingkat bulat ({range})",
    "input.level.misnamed": "tingkat {level} bernama {name}, bukan {typed}",
    "input.level.unknown_text": "{text} bukan tingkat (isi angka atau nama tingkat: {names})",
    "input.costs.not_number": "biaya '{cost}' bukan angka",
    "input.costs.negative": "biaya {cost} negatif",
    "input.costs.bounds": "biaya {why}",
    "input.costs.unknown": "indikator {item} tidak ada di rubrik {rubric}",
    "input.costs.level_not_whole": "tingkat {level} bukan tingkat bulat",
    "input.costs.level_outside": "tingkat {level} di luar 1–{top}",
    "input.costs.columns": "CSV biaya memerlukan kolom indikator dan biaya",
    "input.costs.not_mapping": "biaya harus memetakan indikator ke upaya",
    "input.evidence.items": (
        "Bukti Dukung berisi lebih dari {items} butir (SPBE_MAX_EVIDENCE_ITEMS)"
    ),
    "input.evidence.chars": (
        "jalur atau URL Bukti Dukung sepanjang {chars} karakter; batasnya {limit}"
        " (SPBE_MAX_EVIDENCE_CHARS)"
    ),
    "input.evidence.not_folder": "bukan folder",
    "input.evidence.unreadable": "tidak dapat dibaca: {reason}",
}

EN: dict[str, str] = {
    "input.selected.option": "given with --rubric",
    "input.selected.workbook": "named in the workbook",
    "input.selected.year": "chosen by year {year}",
    "input.where.line": "line {line}",
    "input.where.line_path": "line {line}, {path}",
    "input.where.row": "row {row}",
    "input.where.identity_rows": "identity rows",
    "input.where.answer_table": "answer table",
    "input.where.sheet_number": "sheet {number}",
    "input.word.none": "none",
    "input.what.file": "file",
    "input.what.rubric_file": "rubric file",
    "input.read.not_found": "no such file",
    "input.read.folder": "is a folder, not a {what}",
    "input.read.cannot": "cannot read the {what}: {reason}",
    "input.read.not_regular": "is {kind}, not a {what}; only regular files are read",
    "input.read.too_big": "the {what} is {size} bytes; the limit is {limit}",
    "input.read.grew": "the {what} grew beyond the limit of {limit} bytes while it was read",
    "input.kind.folder": "a folder",
    "input.kind.fifo": "a named pipe (FIFO)",
    "input.kind.device": "a device",
    "input.kind.socket": "a socket",
    "input.kind.other": "not a regular file",
    "input.file.empty": "the file is empty",
    "input.file.unsupported": "unsupported file type {suffix}; use {known}",
    "input.file.no_suffix": "unsupported file type (none); use {known}",
    "input.text.broken_utf16": "broken UTF-16 text: not a {kind} file",
    "input.text.binary": "binary content: not a {kind} text file",
    "input.skip.output_folder": "inside the output folder, which is never searched",
    "input.skip.earlier_output": (
        "an earlier spbe batch output folder (it holds .spbe-manifest.json), not searched"
    ),
    "input.skip.hidden": "hidden or an office lock file",
    "input.skip.link_outside": "a link to a place outside the folders given",
    "input.skip.unreadable": "cannot be read: {reason}",
    "input.skip.not_regular": "{kind}, not a regular file",
    "input.skip.file_type": "not an answer file type",
    "input.skip.no_section": "no identitas/jawaban (identity/answers) section",
    "input.skip.not_answers": "not an answer file",
    "input.discovery.folder": "cannot read this folder: {reason}",
    "input.xlsx.unreadable": "cannot read the workbook (corrupt or truncated?)",
    "input.xlsx.parts": "the workbook has {parts} parts; the limit is {limit} (SPBE_MAX_ZIP_PARTS)",
    "input.xlsx.part_size": (
        "{part} unpacks to {size} bytes; the limit is {limit} (SPBE_MAX_UNPACKED_PART_MB)"
    ),
    "input.xlsx.size": (
        "the workbook unpacks to {size} bytes; the limit is {limit} (SPBE_MAX_UNPACKED_MB)"
    ),
    "input.xlsx.part_mismatch": "the workbook is corrupt (a part does not match its header)",
    "input.xlsx.shared_strings": (
        "{part} declares {strings} strings in {size} bytes; the workbook is corrupt (save it"
        " again from a spreadsheet program)"
    ),
    "input.xlsx.password": "the workbook is password-protected; save an unprotected copy",
    "input.xlsx.lock_file": (
        "this is Excel's lock file for {workbook}, not a workbook: close the workbook in Excel"
        " and score {workbook}"
    ),
    "input.xlsx.not_spreadsheet": "not a spreadsheet (.xlsx, .xlsm, .xls or .ods) despite its name",
    "input.xlsx.lookalike": (
        "the sheet name '{sheet}' looks like {like} but has Cyrillic or Greek letters; rename it"
        " (or remove it)"
    ),
    "input.xlsx.several_sheets": "several sheets could be the {role} sheet: {sheets}",
    "input.xlsx.no_sheet": "no sheet {wanted} (or {other}); sheets: {sheets}",
    "input.sheet.empty": "the sheet is empty",
    "input.sheet.no_header": "no header row with {number} and {level} in the first {rows} rows",
    "input.sheet.too_big": (
        "the sheet uses {rows} rows × {columns} columns; answer sheets are limited to {max_rows}"
        " × {max_columns} (SPBE_MAX_ROWS, SPBE_MAX_COLUMNS)"
    ),
    "input.sheet.part_mismatch": "the sheet's part is corrupt (it does not match its header)",
    "input.sheet.unreadable": "cannot read the sheet: {detail}",
    "input.sheet.out_of_range": "cannot read the sheet: a cell's value is out of range ({detail})",
    "input.csv.separators": (
        "more than {separators} separators on one line; answer sheets are limited to {rows} ×"
        " {columns} (SPBE_MAX_ROWS, SPBE_MAX_COLUMNS)"
    ),
    "input.csv.columns": (
        "{found} columns; answer sheets are limited to {rows} × {columns} (SPBE_MAX_ROWS,"
        " SPBE_MAX_COLUMNS)"
    ),
    "input.csv.rows": "more than {rows} rows (SPBE_MAX_ROWS)",
    "input.csv.invalid": "not valid CSV: {detail}",
    "input.mapping.long_number": "the number {number}… has more than 30 digits",
    "input.mapping.duplicate_key": "duplicate key {name}",
    "input.mapping.json_deep": "invalid JSON: nested too deeply",
    "input.mapping.json_invalid": "invalid JSON",
    "input.mapping.json_syntax": (
        "invalid JSON at column {column}: check the commas, quotes and brackets"
    ),
    "input.mapping.not_mapping": "expected a mapping with identitas and jawaban",
    "input.mapping.unknown_section": "unknown section {section} (expected identitas and jawaban)",
    "input.mapping.no_identity": "missing section identitas (or identity)",
    "input.mapping.no_answers": "missing section jawaban (or answers)",
    "input.mapping.an_escape": "a \\u escape",
    "input.mapping.surrogate": (
        "{escape} is half of a character (a lone surrogate); write the character itself"
    ),
    "input.mapping.identity_not_mapping": "identitas must be a mapping of key: value",
    "input.mapping.unknown_identity_key": "unknown identity key {name}",
    "input.mapping.answer_not_mapping": "each answer must be a mapping with no and tingkat",
    "input.mapping.answers_not_mapping": "jawaban must map indicator numbers to levels",
    "input.mapping.unknown_field": "unknown answer field {field}",
    "input.identity.label.name": "Instansi (Institution)",
    "input.identity.label.year": "Tahun (Year)",
    "input.identity.label.code": "Kode (Code)",
    "input.identity.label.type": "Jenis (Type)",
    "input.identity.label.province": "Provinsi (Province)",
    "input.identity.label.rubric": "Rubrik (Rubric)",
    "input.identity.label.stage": "Tahap (Stage)",
    "input.identity.missing": "missing {label}",
    "input.identity.year": "Tahun (year) must be a year such as 2024, not {text}",
    "input.identity.two_types": "{label} {text} names two types: write Kementerian or Lembaga",
    "input.identity.choice": "{label} {text} is not one of: {allowed}",
    "input.identity.name_long": "Instansi (institution) is longer than 300 characters",
    "input.identity.name_mixed": (
        "Instansi '{name}' mixes Latin with Cyrillic or Greek letters that look alike; type the"
        " name again in Latin letters"
    ),
    "input.identity.twice": "{name} is given twice (first at {first})",
    "input.rubric.unknown": "unknown rubric id {id}; known: {known}",
    "input.answer.no_number": "a level without an indicator number (No) in its row",
    "input.answer.below_note": (
        "an answer below the note at {note}, which ends the answer table; move the note below the"
        " last answer"
    ),
    "input.answer.unknown": "unknown indicator {item} (rubric {rubric}, {how}, has {first}–{last})",
    "input.answer.twice": "indicator {item} is answered twice (first at {first})",
    "input.answer.no_level": "no level for indicator {item} (expected {range})",
    "input.answer.not_answered": "indicator {item} is not answered ({name})",
    "input.level.for_indicator": "{problem} for indicator {item}",
    "input.level.hint": "{problem}; {hint}",
    "input.level.of_column": "{column}: {problem}",
    "input.level.too_long": "{text}… is not a level",
    "input.level.not_number": "{text} is not a number",
    "input.level.not_level": "{text} is not a level",
    "input.level.spreadsheet_error": "the cell holds the spreadsheet error {error}",
    "input.level.formula": "the formula {formula} has no saved value",
    "input.level.formula_hint": (
        "open and save the workbook in a spreadsheet program, or type the level"
    ),
    "input.level.date": "a date/time ({date}) is not a level",
    "input.level.date_hint": "format the cell as a number",
    "input.level.not_finite": "the cell holds no finite number",
    "input.level.far": "{value} is far outside {range}",
    "input.level.long_text": "{text}… ({chars} characters) is not a level",
    "input.level.type": "{type} value is not a level",
    "input.level.outside": "level {level} is outside {range}",
    "input.level.not_whole": "level {level} is not a whole level ({range})",
    "input.level.misnamed": "level {level} is named {name}, not {typed}",
    "input.level.unknown_text": (
        "{text} is not a level (expected a number or a level name: {names})"
    ),
    "input.costs.not_number": "cost '{cost}' is not a number",
    "input.costs.negative": "cost {cost} is negative",
    "input.costs.bounds": "cost {why}",
    "input.costs.unknown": "unknown indicator {item} in rubric {rubric}",
    "input.costs.level_not_whole": "level {level} is not a whole level",
    "input.costs.level_outside": "level {level} is outside 1–{top}",
    "input.costs.columns": "a costs CSV needs columns indikator (indicator) and biaya (cost)",
    "input.costs.not_mapping": "costs must map indicators to efforts",
    "input.evidence.items": "Bukti Dukung has more than {items} items (SPBE_MAX_EVIDENCE_ITEMS)",
    "input.evidence.chars": (
        "a Bukti Dukung path or URL of {chars} characters; the limit is {limit}"
        " (SPBE_MAX_EVIDENCE_CHARS)"
    ),
    "input.evidence.not_folder": "not a folder",
    "input.evidence.unreadable": "cannot read: {reason}",
}
