#!/bin/sh
# Writes vectors.tsv: for each body file and each secret, the HMAC-SHA256 of the file's bytes keyed with the
# secret's UTF-8 bytes, in hex, as OpenSSL computes it. OpenSSL, not the code under test, is the reference;
# WebhookVerifierTest reads the file. Run from this folder in a UTF-8 locale: sh make-vectors.sh
set -eu
for body in signing-sent.json document-completed.json unknown-event.json; do
  for secret in 'whsec_test_8c4a1f2e9b7d5a3c' 'hemlig-nyckel-åäö-🔑'; do
    signature=$(openssl dgst -sha256 -hmac "$secret" -r "$body" | cut -d ' ' -f 1)
    printf '%s\t%s\t%s\n' "$body" "$secret" "$signature"
  done
done > vectors.tsv
