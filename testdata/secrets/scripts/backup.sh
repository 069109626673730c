#!/bin/sh
set -eu
# Nightly dump of the shop database.
mysqldump -h db.internal -u backup -pWm3Rt8xKq2NvLp --single-transaction shop > shop.sql
gzip -9 shop.sql
