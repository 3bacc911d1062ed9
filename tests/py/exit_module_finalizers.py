import m1, m2
main_obj = m1.D("main")
print("end")
