# The R peer of `pingyi draw`: sampling::strata(method = "srswor").
#
#   Rscript r_strata.R ROSTER FRAME OUT
#
# Reads with data.table::fread (and writes with fwrite) when data.table is installed,
# else read.csv / write.csv. strata() takes the sizes in the order in which the strata
# first appear in the data, so the frame's n (样本量) is matched to that order. The
# last line printed is JSON: {"inner_s": ..., "rows": ...}.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) stop("usage: Rscript r_strata.R ROSTER FRAME OUT")
roster <- args[1]; frame <- args[2]; out <- args[3]

suppressPackageStartupMessages(library(sampling))
fast <- requireNamespace("data.table", quietly = TRUE)

t0 <- proc.time()[["elapsed"]]
if (fast) {
  r <- data.table::fread(roster, encoding = "UTF-8", colClasses = list(character = "身份证号"))
  f <- data.table::fread(frame, encoding = "UTF-8")
} else {
  r <- read.csv(roster, fileEncoding = "UTF-8", check.names = FALSE,
                colClasses = c(身份证号 = "character"))
  f <- read.csv(frame, fileEncoding = "UTF-8-BOM", check.names = FALSE)
}
r <- as.data.frame(r)
f <- as.data.frame(f)
names(f) <- sub("^\ufeff", "", names(f))
unit <- if ("单位" %in% names(f)) "单位" else "unit"
cat_col <- if ("类别" %in% names(f)) "类别" else "category"
n_col <- if ("样本量" %in% names(f)) "样本量" else "sample"

keys <- unique(r[, c("乡镇", "类别")])
size <- f[[n_col]][match(paste(keys$乡镇, keys$类别, sep = "\r"),
                          paste(f[[unit]], f[[cat_col]], sep = "\r"))]
if (anyNA(size)) stop("a stratum of the roster is missing from the frame")

# strata() cannot take a stratum of size 0, so leave those strata's rows out first.
if (any(size == 0)) {
  drop <- paste(keys$乡镇, keys$类别, sep = "\r")[size == 0]
  r <- r[!(paste(r$乡镇, r$类别, sep = "\r") %in% drop), , drop = FALSE]
  keys <- keys[size > 0, , drop = FALSE]
  size <- size[size > 0]
}

set.seed(1)
s <- strata(r, stratanames = c("乡镇", "类别"), size = size, method = "srswor")
sample <- r[s$ID_unit, , drop = FALSE]
if (fast) data.table::fwrite(sample, out) else write.csv(sample, out, row.names = FALSE, fileEncoding = "UTF-8")
t1 <- proc.time()[["elapsed"]]
cat(sprintf('{"inner_s": %.4f, "rows": %d}\n', t1 - t0, nrow(sample)))
