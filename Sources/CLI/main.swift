print("hublot")
