"""Messages of writing outputs, the PDF printer, the run guard and isolation."""

ID: dict[str, str] = {
    "output.write.cannot": "tidak dapat menulis: {why}",
    "output.write.input": "menolak menimpa berkas masukan",
    "output.write.folder": "ini folder; berikan nama berkas",
    "output.write.special": "ini {kind}; yang ditulis hanya berkas, pipe atau perangkat",
    "output.write.no_reader": "tidak ada program yang membaca dari pipe ini",
    "output.write.no_folder": "folder {folder} tidak ada",
    # the batch lock
    "output.lock.cannot": "tidak dapat mengunci: {why}",
    "output.lock.busy": (
        "spbe batch lain sedang menulis ke folder ini ({holder}); tunggu sampai selesai atau"
        " berikan folder lain pada --out"
    ),
    "output.lock.holder": "pid {pid} di {host} sejak {since}",
    "output.lock.someone": "proses lain",
    # how a child process ended without an answer
    "output.child.memory": "memerlukan memori lebih dari {mb} MB",
    "output.child.cpu": "memakai waktu prosesor lebih dari {seconds} detik",
    "output.child.signal": "sinyal {signal}",
    "output.child.exit": "kode keluar {code}",
    "output.child.reader_crashed": (
        "pembaca spreadsheet berhenti mendadak pada berkas ini ({why}); buka berkas di program"
        " spreadsheet lalu simpan ulang (dan mohon laporkan kejadian ini)"
    ),
    # the PDF printer
    "output.pdf.no_pdf": "tidak ada PDF yang dihasilkan",
    "output.pdf.stopped": "peramban berhenti",
}

EN: dict[str, str] = {
    "output.write.cannot": "cannot write: {why}",
    "output.write.input": "refusing to overwrite an input file",
    "output.write.folder": "is a folder; give a file name",
    "output.write.special": "is {kind}; only a file, a pipe or a device is written",
    "output.write.no_reader": "no program reads from this pipe",
    "output.write.no_folder": "folder {folder} does not exist",
    "output.lock.cannot": "cannot lock: {why}",
    "output.lock.busy": (
        "another spbe batch is writing into this folder ({holder}); wait for it to end or give"
        " --out another folder"
    ),
    "output.lock.holder": "pid {pid} on {host} since {since}",
    "output.lock.someone": "another process",
    "output.child.memory": "it needed more than {mb} MB of memory",
    "output.child.cpu": "it used more than {seconds} s of processor time",
    "output.child.signal": "signal {signal}",
    "output.child.exit": "exit code {code}",
    "output.child.reader_crashed": (
        "the spreadsheet reader crashed on this file ({why}); open it in a spreadsheet program"
        " and save it again (and please report it)"
    ),
    "output.pdf.no_pdf": "no PDF came back",
    "output.pdf.stopped": "the browser stopped",
}
