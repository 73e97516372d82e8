"""Messages of the command line: tables, progress, usage errors, and typer's own words."""

ID: dict[str, str] = {
    "cli.error": "galat",
    "cli.problems": "{n} masalah",
    "cli.warning": "peringatan",
    "cli.gate_failed": "ambang tidak terpenuhi",
    "cli.stage": "tahap {stage}",
    "cli.rubric_line": "Rubrik: {id} ({why})",
    "cli.exact": "eksak {value}",
    "cli.col.weight": "Bobot %",
    "cli.col.index": "Indeks",
    "cli.col.aspect": "Aspek",
    "cli.col.id": "Id",
    "cli.col.years": "Tahun",
    "cli.col.indicators": "Ind.",
    "cli.col.index_confidence": "Indeks dan keyakinan sumber",
    "cli.col.scale": "Skala",
    "cli.self_index": "Penilaian mandiri (Tingkat Mandiri): {index}",
    "cli.self_difference": "selisih {difference}",
    "cli.unconfirmed": "belum terkonfirmasi: {parts}",
    "cli.rubrics_hint": "spbe rubrics show ID: struktur, bobot, skala, sumber",
    "cli.values": "Nilai: {kind} {min}–{max}; predikat dari indeks {basis}",
    "cli.values.integer": "bilangan bulat",
    "cli.values.decimal": "desimal",
    "cli.scale": "Skala {id} ({name}): {levels}",
    "cli.shared_equally": "dibagi rata",
    "cli.shared": "dibagi",
    "cli.from_index": "dari {index}",
    "cli.template_written": "{file} ditulis ({n} indikator, {id}, {why})",
    "cli.template_year": (
        "rubrik {id} berlaku untuk {years}, bukan untuk tahun {year}; hasil penilaiannya"
        " akan menyebutkan hal itu"
    ),
    "cli.not_text": "{option}: {text} bukan teks yang sah dalam pengodean sistem ini",
    "cli.control_characters": "{option}: '{text}' mengandung karakter kendali",
    "cli.rubric_ok": (
        "{file}: sah — {id}, {aspects} aspek, {indicators} indikator, jumlah bobot 100"
    ),
    "cli.extension_unknown": (
        "-o {output}: ekstensi {suffix} bukan format yang ditulis perintah ini ({known});"
        " ganti nama berkasnya atau berikan --format"
    ),
    "cli.extension_contradicts": (
        "-o {output}: ekstensinya menyebut {implied}, tetapi --format menyebut {fmt}"
    ),
    "cli.bad_time": "{where}: '{text}' bukan waktu ISO 8601 dalam tahun 1–9999",
    "cli.bad_epoch": "{where}: '{text}' bukan jumlah detik sejak 1970 dalam tahun 1–9999",
    "cli.check.folder_needed": "berikan sebuah folder untuk hasil beberapa berkas",
    "cli.check.output_not_folder": "-o harus sebuah folder saat memeriksa sebuah folder",
    "cli.no_answer_files": "tidak ada berkas jawaban di sini",
    "cli.cannot_create_folder": "folder tidak dapat dibuat: {reason}",
    "cli.batch.bad_reports": "--reports: {formats} bukan md, html atau pdf",
    "cli.batch.out_is_file": "--out adalah sebuah berkas, bukan folder",
    "cli.batch.inside_out": (
        "tidak ada berkas jawaban di sini: ini berada di dalam folder keluaran ({out}), yang"
        " tidak pernah ditelusuri; berikan --out sebuah folder tersendiri"
    ),
    "cli.batch.jobs_capped": "catatan: --jobs {jobs} dibatasi menjadi {cpus}, jumlah CPU",
    "cli.batch.stopped": "dihentikan oleh {signal}; tidak ada hasil dari proses ini yang disimpan",
    "cli.batch.scoring": "menilai",
    "cli.batch.scored": "{ok} dari {n} berkas dinilai → {out}",
    "cli.batch.skipped": "; {n} berkas lain dilewati",
    "cli.batch.skipped_hint": " (--verbose menampilkannya)",
    "cli.batch.more": "{n} lagi di summary.md",
    "cli.batch.skipped_prefix": "dilewati",
    "cli.batch.year_mismatch": (
        "{n} berkas dinilai dengan rubrik yang tidak berlaku untuk tahunnya: {names}"
    ),
    "cli.usage.no_such_option": "Opsi tidak dikenal: {option}.",
    "cli.usage.did_you_mean": "Mungkin maksudnya: {options}.",
    "cli.usage.no_such_command": "Perintah tidak dikenal: '{name}'. Perintah yang ada: {known}.",
    "cli.usage.missing_argument": "Argumen {name} wajib diisi.",
    "cli.usage.missing_option": "Opsi {name} wajib diisi.",
    "cli.usage.bad_choice": "Nilai {name} tidak sah; pilihannya: {choices}.",
    "cli.usage.bad_value": "Nilai {name} tidak sah.",
    "cli.usage.flag_takes_no_value": "Opsi {option} tidak menerima nilai.",
    "cli.usage.option_needs_value": "Opsi {option} memerlukan nilai.",
    "cli.usage.generic": "Argumen tidak dikenal untuk {command}",
    # typer's and click's own words
    "cli.fw.usage": "Penggunaan:",
    "cli.fw.DEPRECATED_STRING": "(usang) ",
    "cli.fw.DEFAULT_STRING": "[bawaan: {}]",
    "cli.fw.ENVVAR_STRING": "[variabel lingkungan: {}]",
    "cli.fw.REQUIRED_LONG_STRING": "[wajib]",
    "cli.fw.ARGUMENTS_PANEL_TITLE": "Argumen",
    "cli.fw.OPTIONS_PANEL_TITLE": "Opsi",
    "cli.fw.COMMANDS_PANEL_TITLE": "Perintah",
    "cli.fw.ERRORS_PANEL_TITLE": "Galat",
    "cli.fw.ABORTED_TEXT": "Dibatalkan.",
    "cli.fw.RICH_HELP": "Coba [blue]'{command_path} {help_option}'[/] untuk bantuan.",
    "cli.diff.not_compared": "tidak dibandingkan: {problem}",
    "cli.manifest.ignored": "{manifest} diabaikan ({why}); tidak ada hasil lama yang dihapus",
    "cli.manifest.removed": (
        "{n} berkas hasil proses sebelumnya yang tidak ditulis lagi dihapus: {names}"
    ),
    "cli.manifest.skipped": "{name} dari {manifest} tidak dihapus: {why}",
    "cli.manifest.unwritten": (
        "{manifest} tidak dapat ditulis ({why}); proses berikutnya tidak akan menghapus hasil lama"
    ),
    "cli.manifest.why.not-a-file": "bukan berkas biasa (tautan atau folder)",
    "cli.manifest.why.unreadable": "tidak dapat dibaca",
    "cli.manifest.why.malformed": "bukan manifest spbe yang sah",
    "cli.manifest.why.unsafe": "bukan nama berkas hasil di dalam folder --out",
    "cli.manifest.why.link": "berupa tautan",
    "cli.manifest.why.input": "berkas masukan",
    "cli.manifest.why.written": "berkas yang baru saja ditulis",
    "cli.manifest.why.cannot-remove": "gagal dihapus: {detail}",
}

EN: dict[str, str] = {
    "cli.error": "error",
    "cli.problems": "{n} problems",
    "cli.warning": "warning",
    "cli.gate_failed": "gate failed",
    "cli.stage": "stage {stage}",
    "cli.rubric_line": "Rubric: {id} ({why})",
    "cli.exact": "exact {value}",
    "cli.col.weight": "Weight %",
    "cli.col.index": "Index",
    "cli.col.aspect": "Aspect",
    "cli.col.id": "Id",
    "cli.col.years": "Years",
    "cli.col.indicators": "Ind.",
    "cli.col.index_confidence": "Index and confidence",
    "cli.col.scale": "Scale",
    "cli.self_index": "Self-assessment (Tingkat Mandiri): {index}",
    "cli.self_difference": "difference {difference}",
    "cli.unconfirmed": "unconfirmed: {parts}",
    "cli.rubrics_hint": "spbe rubrics show ID: structure, weights, scales, sources",
    "cli.values": "Values: {kind} {min}–{max}; predikat on the {basis} index",
    "cli.values.integer": "integer",
    "cli.values.decimal": "decimal",
    "cli.scale": "Scale {id} ({name}): {levels}",
    "cli.shared_equally": "shared equally",
    "cli.shared": "shared",
    "cli.from_index": "from {index}",
    "cli.template_written": "wrote {file} ({n} indicators, {id}, {why})",
    "cli.template_year": (
        "rubric {id} is for {years}, not for the year {year}; its scores will say so"
    ),
    "cli.not_text": "{option}: {text} is not valid text in this system's encoding",
    "cli.control_characters": "{option}: '{text}' holds control characters",
    "cli.rubric_ok": (
        "{file}: ok — {id}, {aspects} aspects, {indicators} indicators, weights add up to 100"
    ),
    "cli.extension_unknown": (
        "-o {output}: the extension {suffix} names no format this command writes ({known});"
        " rename the file or give --format"
    ),
    "cli.extension_contradicts": (
        "-o {output}: the extension says {implied}, but --format says {fmt}"
    ),
    "cli.bad_time": "{where}: '{text}' is not an ISO 8601 time within the years 1–9999",
    "cli.bad_epoch": "{where}: '{text}' is not seconds since 1970 within the years 1–9999",
    "cli.check.folder_needed": "give a folder for the results of several files",
    "cli.check.output_not_folder": "-o must be a folder when checking a folder",
    "cli.no_answer_files": "no answer files here",
    "cli.cannot_create_folder": "cannot create the folder: {reason}",
    "cli.batch.bad_reports": "--reports: {formats} is not md, html or pdf",
    "cli.batch.out_is_file": "--out is a file, not a folder",
    "cli.batch.inside_out": (
        "no answer files here: it is inside the output folder ({out}), which is never"
        " searched; give --out a folder of its own"
    ),
    "cli.batch.jobs_capped": "note: --jobs {jobs} capped to {cpus}, the number of CPUs",
    "cli.batch.stopped": "stopped by {signal}; no result of this run was kept",
    "cli.batch.scoring": "scoring",
    "cli.batch.scored": "{ok} of {n} scored → {out}",
    "cli.batch.skipped": "; {n} other files skipped",
    "cli.batch.skipped_hint": " (--verbose lists them)",
    "cli.batch.more": "{n} more in summary.md",
    "cli.batch.skipped_prefix": "skipped",
    "cli.batch.year_mismatch": (
        "{n} file(s) scored with a rubric that does not apply to their year: {names}"
    ),
    "cli.usage.no_such_option": "No such option: {option}.",
    "cli.usage.did_you_mean": "Did you mean: {options}?",
    "cli.usage.no_such_command": "No such command: '{name}'. The commands: {known}.",
    "cli.usage.missing_argument": "The argument {name} is required.",
    "cli.usage.missing_option": "The option {name} is required.",
    "cli.usage.bad_choice": "Invalid value for {name}; the choices: {choices}.",
    "cli.usage.bad_value": "Invalid value for {name}.",
    "cli.usage.flag_takes_no_value": "The option {option} takes no value.",
    "cli.usage.option_needs_value": "The option {option} needs a value.",
    "cli.usage.generic": "Unexpected arguments for {command}",
    "cli.fw.usage": "Usage:",
    "cli.fw.DEPRECATED_STRING": "(deprecated) ",
    "cli.fw.DEFAULT_STRING": "[default: {}]",
    "cli.fw.ENVVAR_STRING": "[env var: {}]",
    "cli.fw.REQUIRED_LONG_STRING": "[required]",
    "cli.fw.ARGUMENTS_PANEL_TITLE": "Arguments",
    "cli.fw.OPTIONS_PANEL_TITLE": "Options",
    "cli.fw.COMMANDS_PANEL_TITLE": "Commands",
    "cli.fw.ERRORS_PANEL_TITLE": "Error",
    "cli.fw.ABORTED_TEXT": "Aborted.",
    "cli.fw.RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
    "cli.diff.not_compared": "not compared: {problem}",
    "cli.manifest.ignored": "ignored {manifest} ({why}); no old output was removed",
    "cli.manifest.removed": (
        "{n} old output files that this run did not write again removed: {names}"
    ),
    "cli.manifest.skipped": "{name} listed in {manifest} was not removed: {why}",
    "cli.manifest.unwritten": (
        "cannot write {manifest} ({why}); the next run will remove no old output"
    ),
    "cli.manifest.why.not-a-file": "not a regular file (a link or a folder)",
    "cli.manifest.why.unreadable": "cannot be read",
    "cli.manifest.why.malformed": "not a valid spbe manifest",
    "cli.manifest.why.unsafe": "not the name of an output file inside the --out folder",
    "cli.manifest.why.link": "it is a link",
    "cli.manifest.why.input": "it is an input file",
    "cli.manifest.why.written": "it is a file this run has just written",
    "cli.manifest.why.cannot-remove": "cannot remove it: {detail}",
}
