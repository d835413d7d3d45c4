module toklit

go 1.19
