ok = Fine
broken = { $n
next = Hello
