from nkus.entry import run_and_exit

run_and_exit()
