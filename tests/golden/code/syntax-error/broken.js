const m = `Hello ${user.name
