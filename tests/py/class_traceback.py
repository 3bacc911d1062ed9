# An exception raised inside a method and left uncaught: the traceback walks
# through the method frames and names the custom exception class.
class ValidationError(ValueError):
    pass


class Account:
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, amount):
        self._check(amount)
        self.balance -= amount

    def _check(self, amount):
        if amount > self.balance:
            raise ValidationError(f"insufficient funds: {amount} > {self.balance}")


acct = Account(10)
acct.withdraw(3)
print(acct.balance)
acct.withdraw(50)
print("not reached")
