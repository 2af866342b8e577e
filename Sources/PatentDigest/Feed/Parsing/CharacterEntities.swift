/// The characters behind the named entities USPTO documents use without declaring them: the
/// pre-2005 formats write `&ldquo;`, `&frac12;` or `&lgr;` and leave their meaning to a DTD the
/// reader never loads. libxml2 reports each such reference; the reader puts the character in its
/// place from this table (ISO 8879 sets the USPTO DTDs include) or from HTML 4's, and nothing is
/// ever expanded from the document itself.
enum CharacterEntities {
  /// The ISO 8879 names that HTML 4 does not have (HTML's are looked up in libxml2's table).
  static let iso: [String: String] = [
    // ISOgrk1: Greek letters, the USPTO's usual spelling (`&lgr;` for λ).
    "agr": "α", "Agr": "Α", "bgr": "β", "Bgr": "Β", "ggr": "γ", "Ggr": "Γ", "dgr": "δ", "Dgr": "Δ",
    "egr": "ε", "Egr": "Ε", "zgr": "ζ", "Zgr": "Ζ", "eegr": "η", "EEgr": "Η", "thgr": "θ", "THgr": "Θ",
    "igr": "ι", "Igr": "Ι", "kgr": "κ", "Kgr": "Κ", "lgr": "λ", "Lgr": "Λ", "mgr": "μ", "Mgr": "Μ",
    "ngr": "ν", "Ngr": "Ν", "xgr": "ξ", "Xgr": "Ξ", "ogr": "ο", "Ogr": "Ο", "pgr": "π", "Pgr": "Π",
    "rgr": "ρ", "Rgr": "Ρ", "sgr": "σ", "Sgr": "Σ", "sfgr": "ς", "tgr": "τ", "Tgr": "Τ", "ugr": "υ",
    "Ugr": "Υ", "phgr": "φ", "PHgr": "Φ", "khgr": "χ", "KHgr": "Χ", "psgr": "ψ", "PSgr": "Ψ",
    "ohgr": "ω", "OHgr": "Ω",
    // ISOgrk3: the mathematical spellings HTML lacks.
    "epsi": "ε", "epsiv": "ϵ", "thetas": "θ", "thetav": "ϑ", "upsi": "υ", "Upsi": "ϒ", "phis": "φ",
    "phiv": "ϕ", "piv": "ϖ", "rhov": "ϱ", "sigmav": "ς", "gammad": "ϝ", "kappav": "ϰ",
    // ISOnum: numbers, currency, punctuation.
    "half": "½", "frac13": "⅓", "frac23": "⅔", "frac15": "⅕", "frac25": "⅖", "frac35": "⅗",
    "frac45": "⅘", "frac16": "⅙", "frac56": "⅚", "frac18": "⅛", "frac38": "⅜", "frac58": "⅝",
    "frac78": "⅞", "plus": "+", "equals": "=", "dollar": "$", "num": "#", "percnt": "%", "ast": "*",
    "commat": "@", "lsqb": "[", "bsol": "\\", "rsqb": "]", "lcub": "{", "rcub": "}", "verbar": "|",
    "horbar": "―", "ohm": "Ω", "sung": "♪", "excl": "!", "apos": "'", "lpar": "(", "rpar": ")",
    "comma": ",", "lowbar": "_", "hyphen": "-", "period": ".", "sol": "/", "colon": ":", "semi": ";",
    "quest": "?",
    // ISOpub: spaces, dashes, marks.
    "emsp13": "\u{2004}", "emsp14": "\u{2005}", "numsp": "\u{2007}", "puncsp": "\u{2008}", "hairsp": "\u{200A}",
    "dash": "‐", "blank": "␣", "nldr": "‥", "incare": "℅", "hybull": "⁃", "caret": "⁁", "tprime": "‴",
    "bprime": "‵", "lsquor": "‚", "ldquor": "„", "check": "✓", "cross": "✗", "cir": "○", "squ": "□",
    "squf": "▪", "utri": "▵", "dtri": "▿", "male": "♂", "female": "♀", "starf": "★", "star": "☆",
    // ISOtech and ISOamsr: relations and operators.
    "ap": "≈", "sime": "≃", "les": "⩽", "ges": "⩾", "lE": "≦", "gE": "≧", "npr": "⊀", "nsc": "⊁",
    "Verbar": "‖", "compfn": "∘", "becaus": "∵", "conint": "∮", "Lt": "≪", "Gt": "≫", "mnplus": "∓",
    "ominus": "⊖", "odot": "⊙", "square": "□", "fnof": "ƒ", "angst": "Å", "planck": "ℏ", "inodot": "ı",
    // ISOdia: diacritical marks on their own.
    "die": "¨", "dot": "˙", "grave": "`", "ring": "˚", "dblac": "˝", "ogon": "˛", "caron": "ˇ", "breve": "˘",
    // ISOlat2: the Latin letters HTML 4 does not name.
    "aacgr": "ά", "abreve": "ă", "Abreve": "Ă", "amacr": "ā", "Amacr": "Ā", "aogon": "ą", "Aogon": "Ą",
    "cacute": "ć", "Cacute": "Ć", "ccaron": "č", "Ccaron": "Č", "dcaron": "ď", "Dcaron": "Ď",
    "dstrok": "đ", "Dstrok": "Đ", "ecaron": "ě", "Ecaron": "Ě", "edot": "ė", "emacr": "ē", "Emacr": "Ē",
    "eogon": "ę", "Eogon": "Ę", "gbreve": "ğ", "Gbreve": "Ğ", "Idot": "İ", "imacr": "ī", "Imacr": "Ī",
    "lacute": "ĺ", "lcaron": "ľ", "lstrok": "ł", "Lstrok": "Ł", "nacute": "ń", "Nacute": "Ń",
    "ncaron": "ň", "Ncaron": "Ň", "ncedil": "ņ", "odblac": "ő", "Odblac": "Ő", "omacr": "ō",
    "racute": "ŕ", "rcaron": "ř", "Rcaron": "Ř", "sacute": "ś", "Sacute": "Ś", "scedil": "ş",
    "Scedil": "Ş", "tcaron": "ť", "Tcaron": "Ť", "tcedil": "ţ", "udblac": "ű", "Udblac": "Ű",
    "umacr": "ū", "uogon": "ų", "uring": "ů", "Uring": "Ů", "zacute": "ź", "Zacute": "Ź", "zcaron": "ž",
    "Zcaron": "Ž", "zdot": "ż", "Zdot": "Ż",
  ]
}
