def fa(): return "fa from " + __name__ + " pkg=" + __package__
