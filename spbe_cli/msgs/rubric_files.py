"""Messages of rubric files and the YAML reader."""

ID: dict[str, str] = {
    # where in a rubric file
    "rubric.where.line": "baris {line}",
    "rubric.where.line_path": "baris {line}, {path}",
    # the file itself
    "rubric.file.too_big": "berkas rubrik berukuran {size} bita; batasnya {limit}",
    "rubric.file.utf8": "bukan teks UTF-8 (bita ke-{byte})",
    "rubric.file.not_mapping": "berkas rubrik harus berupa pemetaan YAML (kunci: nilai)",
    "rubric.unknown_id": "id rubrik {id} tidak dikenal; rubrik bawaan: {ids}",
    # numbers and texts of a rubric
    "rubric.num.not_number": "{value} bukan angka",
    "rubric.num.places": "{value} memiliki lebih dari {places} angka desimal",
    "rubric.num.outside": "{value} di luar rentang {lo}–{hi}",
    "rubric.num.not_positive": "{value} harus lebih besar dari 0",
    "rubric.text.too_long": "teks sepanjang {n} karakter; paling banyak {most}",
    "rubric.text.control": "{text}: karakter kendali tidak diperbolehkan",
    # rules of the rubric's structure
    "rubric.values.min_max": "min harus lebih kecil dari max",
    "rubric.values.whole": "skala bilangan bulat memerlukan min dan max bilangan bulat",
    "rubric.values.levels": "skala bilangan bulat paling banyak memiliki {most} tingkat",
    "rubric.scale.general": "general menguraikan tingkat {levels} yang tidak ada pada skala",
    "rubric.scale.every_level": "skala {scale} harus menamai setiap tingkat dari {lo} sampai {hi}",
    "rubric.bands.unique": "nama predikat harus unik",
    "rubric.bands.open_ends": (
        "predikat terendah memerlukan min: null dan predikat tertinggi max: null"
    ),
    "rubric.bands.gap": (
        "bands[{i}] ({lo}) dan bands[{j}] ({hi}) tidak bersambung: max {max} dan min {min}"
    ),
    "rubric.bands.share": (
        "bands[{i}] ({lo}) dan bands[{j}] ({hi}) harus berbagi batas {bound}, tepat satu di"
        " antaranya inklusif"
    ),
    "rubric.bands.outside": (
        "predikat.bands[{i}] ({name}): batas {bound} di luar rentang nilai {lo}–{hi}"
    ),
    "rubric.weights.equal_shares": "indikator pada aspek equal-shares tidak diberi bobot",
    "rubric.weights.missing": "bobot indikator belum diisi untuk {ids}",
    "rubric.weights.aspect": (
        "jumlah bobot indikator {total}, tidak sama dengan bobot aspek {weight}"
    ),
    "rubric.weights.domain": "jumlah bobot aspek {total}, tidak sama dengan bobot domain",
    "rubric.weights.total": "jumlah bobot aspek {total}, bukan 100",
    "rubric.domains_or_aspects": ("isi domains (beserta aspeknya) atau aspects, tidak keduanya"),
    "rubric.provenance.source": "provenance.{part}: sumber {source} tidak dikenal",
    "rubric.id_twice.domain": "id domain {id} dipakai dua kali",
    "rubric.id_twice.aspect": "id aspek {id} dipakai dua kali",
    "rubric.id_twice.indicator": "id indikator {id} dipakai dua kali",
    "rubric.repeat_collides": "id butir indikator berulang bentrok dengan id indikator lain",
    "rubric.too_many_items": (
        "{n} butir yang dijawab (indikator beserta ulangannya); rubrik paling banyak memuat {most}"
    ),
    "rubric.indicator.scale_required": "indikator {id}: scale wajib diisi (ada beberapa skala)",
    "rubric.indicator.unknown_scale": "indikator {id}: skala {scale} tidak dikenal",
    "rubric.indicator.criterion_level": (
        "indikator {id}: kriteria untuk tingkat {level} di luar skala"
    ),
    # pydantic's checks, in spbe's words
    "rubric.pyd.missing": "wajib diisi, tetapi tidak ada",
    "rubric.pyd.extra": "kunci tidak dikenal (salah ketik?)",
    "rubric.pyd.empty": "tidak boleh kosong",
    "rubric.pyd.pattern": (
        "{value}: hanya huruf, angka, '.', '_' dan '-', diawali huruf atau angka"
    ),
    "rubric.pyd.too_long": "terlalu panjang: paling banyak {most}",
    "rubric.pyd.too_small": "{value} terlalu kecil: paling sedikit {least}",
    "rubric.pyd.too_large": "{value} terlalu besar: paling banyak {most}",
    "rubric.pyd.choice": "{value} bukan salah satu dari {expected}",
    "rubric.pyd.type": "{value} bukan {type} yang sah",
    "rubric.pyd.invalid": "{value} bukan nilai yang sah",
    "rubric.type.int": "bilangan bulat",
    "rubric.type.decimal": "bilangan desimal",
    "rubric.type.float": "bilangan",
    "rubric.type.string": "teks",
    "rubric.type.bool": "nilai true/false",
    "rubric.type.dict": "pemetaan",
    "rubric.type.list": "daftar",
    "rubric.type.model": "pemetaan",
    # the YAML reader
    "rubric.yaml.alias": "alias YAML (*nama) tidak diperbolehkan",
    "rubric.yaml.too_many_nodes": "dokumen YAML memiliki terlalu banyak simpul",
    "rubric.yaml.tag": "tag YAML {tag} tidak diperbolehkan",
    "rubric.yaml.duplicate": "kunci {name} ganda (pertama di baris {first})",
    "rubric.yaml.number_long": "angka {number}… terlalu panjang",
    "rubric.yaml.number_digits": "angka {number}… memiliki lebih dari 30 digit",
    "rubric.yaml.invalid": "YAML tidak valid",
    "rubric.yaml.syntax": (
        "YAML tidak valid: periksa indentasi, tanda kutip dan tanda ':' setelah kunci"
    ),
    "rubric.yaml.syntax_at": (
        "YAML tidak valid pada kolom {column}: periksa indentasi, tanda kutip dan tanda ':'"
        " setelah kunci"
    ),
    "rubric.yaml.syntax_from": (
        "YAML tidak valid pada kolom {column}: periksa indentasi, tanda kutip dan tanda ':'"
        " setelah kunci (bagian yang dimulai di baris {start})"
    ),
    "rubric.yaml.nodes": "dokumen memiliki lebih dari {most} simpul (SPBE_MAX_YAML_NODES)",
    "rubric.yaml.deep": "dokumen bersarang lebih dalam dari {most} tingkat",
}

EN: dict[str, str] = {
    "rubric.where.line": "line {line}",
    "rubric.where.line_path": "line {line}, {path}",
    "rubric.file.too_big": "the rubric file is {size} bytes; the limit is {limit}",
    "rubric.file.utf8": "not UTF-8 text (byte {byte})",
    "rubric.file.not_mapping": "a rubric file must be a YAML mapping",
    "rubric.unknown_id": "unknown rubric id {id}; built-in rubrics: {ids}",
    "rubric.num.not_number": "{value} is not a number",
    "rubric.num.places": "{value} has more than {places} decimals",
    "rubric.num.outside": "{value} is outside {lo}–{hi}",
    "rubric.num.not_positive": "{value} must be above 0",
    "rubric.text.too_long": "text of {n} characters; at most {most}",
    "rubric.text.control": "{text}: control characters are not allowed",
    "rubric.values.min_max": "min must be below max",
    "rubric.values.whole": "an integer scale needs whole min and max",
    "rubric.values.levels": "an integer scale has at most {most} levels",
    "rubric.scale.general": "general describes levels {levels} that the scale does not name",
    "rubric.scale.every_level": "scale {scale} must name every level from {lo} to {hi}",
    "rubric.bands.unique": "predikat names must be unique",
    "rubric.bands.open_ends": "the lowest band needs min: null and the highest max: null",
    "rubric.bands.gap": (
        "bands[{i}] ({lo}) and bands[{j}] ({hi}) are not contiguous: max {max} vs min {min}"
    ),
    "rubric.bands.share": (
        "bands[{i}] ({lo}) and bands[{j}] ({hi}) must share {bound} with exactly one of them"
        " inclusive"
    ),
    "rubric.bands.outside": (
        "predikat.bands[{i}] ({name}): bound {bound} is outside the values {lo}–{hi}"
    ),
    "rubric.weights.equal_shares": "indicators of an equal-shares aspect take no weight",
    "rubric.weights.missing": "indicator weight missing for {ids}",
    "rubric.weights.aspect": (
        "indicator weights add up to {total}, not to the aspect weight {weight}"
    ),
    "rubric.weights.domain": "aspect weights add up to {total}, not to the domain weight",
    "rubric.weights.total": "aspect weights add up to {total}, not to 100",
    "rubric.domains_or_aspects": "give either domains (with their aspects) or aspects, not both",
    "rubric.provenance.source": "provenance.{part}: unknown source {source}",
    "rubric.id_twice.domain": "domain id {id} is used twice",
    "rubric.id_twice.aspect": "aspect id {id} is used twice",
    "rubric.id_twice.indicator": "indicator id {id} is used twice",
    "rubric.repeat_collides": "a repeated indicator's item id collides with another indicator id",
    "rubric.too_many_items": (
        "{n} answerable items (indicators and their repeats); a rubric has at most {most}"
    ),
    "rubric.indicator.scale_required": "indicator {id}: scale is required (several scales)",
    "rubric.indicator.unknown_scale": "indicator {id}: unknown scale {scale}",
    "rubric.indicator.criterion_level": "indicator {id}: criterion for level {level} outside scale",
    "rubric.pyd.missing": "required, but missing",
    "rubric.pyd.extra": "unknown key (a typo?)",
    "rubric.pyd.empty": "must not be empty",
    "rubric.pyd.pattern": (
        "{value}: only letters, digits, '.', '_' and '-', starting with a letter or digit"
    ),
    "rubric.pyd.too_long": "too long: at most {most}",
    "rubric.pyd.too_small": "{value} is too small: at least {least}",
    "rubric.pyd.too_large": "{value} is too large: at most {most}",
    "rubric.pyd.choice": "{value} is not one of {expected}",
    "rubric.pyd.type": "{value} is not a valid {type}",
    "rubric.pyd.invalid": "{value} is not a valid value",
    "rubric.type.int": "int",
    "rubric.type.decimal": "decimal",
    "rubric.type.float": "float",
    "rubric.type.string": "string",
    "rubric.type.bool": "bool",
    "rubric.type.dict": "dict",
    "rubric.type.list": "list",
    "rubric.type.model": "model",
    "rubric.yaml.alias": "YAML aliases (*name) are not allowed",
    "rubric.yaml.too_many_nodes": "the YAML document has too many nodes",
    "rubric.yaml.tag": "YAML tag {tag} is not allowed",
    "rubric.yaml.duplicate": "duplicate key {name} (first on line {first})",
    "rubric.yaml.number_long": "the number {number}… is too long",
    "rubric.yaml.number_digits": "the number {number}… has more than 30 digits",
    "rubric.yaml.invalid": "invalid YAML",
    "rubric.yaml.syntax": "invalid YAML: check the indentation, quotes and the ':' after keys",
    "rubric.yaml.syntax_at": (
        "invalid YAML at column {column}: check the indentation, quotes and the ':' after keys"
    ),
    "rubric.yaml.syntax_from": (
        "invalid YAML at column {column}: check the indentation, quotes and the ':' after keys"
        " (the part that starts on line {start})"
    ),
    "rubric.yaml.nodes": "the document has more than {most} nodes (SPBE_MAX_YAML_NODES)",
    "rubric.yaml.deep": "the document is nested deeper than {most} levels",
}
