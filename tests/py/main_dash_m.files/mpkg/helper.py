print("helper", __name__)
