"""Why the operating system refused a file operation, in words (`os.ERRNO-NAME`)."""

ID: dict[str, str] = {
    "os.ENOENT": "tidak ada",
    "os.EACCES": "akses ditolak",
    "os.EPERM": "tidak diizinkan",
    "os.ENOSPC": "ruang penyimpanan habis",
    "os.EDQUOT": "kuota penyimpanan habis",
    "os.EISDIR": "ini sebuah folder",
    "os.ENOTDIR": "bagian jalurnya bukan folder",
    "os.EROFS": "sistem berkas hanya-baca",
    "os.EEXIST": "sudah ada",
    "os.ENAMETOOLONG": "nama terlalu panjang",
    "os.ELOOP": "tautan simbolik berputar",
    "os.EMFILE": "terlalu banyak berkas terbuka",
    "os.EBUSY": "sedang dipakai",
    "os.EIO": "galat masukan/keluaran perangkat",
    "os.EINVAL": "nama atau operasi tidak sah",
    "os.other": "galat sistem {code}",
}

EN: dict[str, str] = {
    "os.ENOENT": "no such file or folder",
    "os.EACCES": "permission denied",
    "os.EPERM": "operation not permitted",
    "os.ENOSPC": "no space left on the device",
    "os.EDQUOT": "disk quota exceeded",
    "os.EISDIR": "it is a folder",
    "os.ENOTDIR": "a part of the path is not a folder",
    "os.EROFS": "read-only file system",
    "os.EEXIST": "it exists already",
    "os.ENAMETOOLONG": "the name is too long",
    "os.ELOOP": "symbolic links loop",
    "os.EMFILE": "too many open files",
    "os.EBUSY": "busy",
    "os.EIO": "device input/output error",
    "os.EINVAL": "invalid name or operation",
    "os.other": "system error {code}",
}
