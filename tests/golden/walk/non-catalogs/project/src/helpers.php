<?php
function f() { return "We apologize for any inconvenience. You failed to pay."; }
