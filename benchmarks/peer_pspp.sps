* The core of smma analyze as PSPP syntax: reliability with item-total
* statistics, item-total correlations, regression, the one-sample K-S test
* of the residuals and low / medium / high counts.
* run.py fills in the file name, variables and cut points for each input.

GET DATA /TYPE=TXT /FILE='$file' /ARRANGEMENT=DELIMITED /DELCASE=LINE
  /FIRSTCASE=2 /DELIMITERS=',' /QUALIFIER='"'
  /VARIABLES=$variables.

COMPUTE XTOTAL = SUM($x_first TO $x_last).
COMPUTE YTOTAL = SUM($y_first TO $y_last).
EXECUTE.

RELIABILITY /VARIABLES=$x_first TO $x_last /SCALE('$x_code') ALL /MODEL=ALPHA /SUMMARY=TOTAL.
RELIABILITY /VARIABLES=$y_first TO $y_last /SCALE('$y_code') ALL /MODEL=ALPHA /SUMMARY=TOTAL.

CORRELATIONS /VARIABLES=$x_first TO $x_last WITH XTOTAL /PRINT=TWOTAIL.
CORRELATIONS /VARIABLES=$y_first TO $y_last WITH YTOTAL /PRINT=TWOTAIL.

REGRESSION /VARIABLES=XTOTAL /STATISTICS=COEFF R ANOVA
  /DEPENDENT=YTOTAL /METHOD=ENTER /SAVE=RESID.

NPAR TESTS /K-S(NORMAL)=RES1.

RECODE XTOTAL (LO THRU $x_cut1=1) (LO THRU $x_cut2=2) (ELSE=3) INTO XCAT.
RECODE YTOTAL (LO THRU $y_cut1=1) (LO THRU $y_cut2=2) (ELSE=3) INTO YCAT.
FREQUENCIES /VARIABLES=XCAT YCAT.
