"""PDF surgery after typesetting: booklet imposition and crop marks, through pypdf."""
