# Documents (issue 6): Debian fonts for the PDFs, poppler-utils to read them back (pdftotext, pdfinfo, pdftoppm),
# and libgdiplus, which ClosedXML 0.95.4 needs to load the pictures of a workbook in the tests (the service itself
# writes workbooks with the Open XML SDK and needs no libgdiplus).
documents_missing=()
command -v pdftotext >/dev/null 2>&1 || documents_missing+=(poppler-utils)
[ -e /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || documents_missing+=(fonts-liberation2)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || documents_missing+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q 'libgdiplus' || [ -e /usr/lib/libgdiplus.so ] || documents_missing+=(libgdiplus)
if [ "${#documents_missing[@]}" -gt 0 ]; then
  echo "installing ${documents_missing[*]}"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${documents_missing[@]}"; } \
      >"$SOSEPBOT_TEST_RUN_DIR/documents-apt.log" 2>&1; then
    tail -20 "$SOSEPBOT_TEST_RUN_DIR/documents-apt.log" >&2
    echo "could not install ${documents_missing[*]} (see $SOSEPBOT_TEST_RUN_DIR/documents-apt.log)" >&2
    return 1
  fi
fi
unset documents_missing
