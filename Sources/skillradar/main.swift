print("skillradar")
