import m1
x = m1.D("m2.x")
