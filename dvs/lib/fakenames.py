"""Deterministic fictional Vietnamese names for demo and scale data."""

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Đào",
    "Cao",
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Hữu", "Quang", "Công", "Thanh", "Xuân", "Ngọc", "Đình"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương", "Kim", "Thùy", "Mai"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Khang",
    "Long",
    "Minh",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Toàn",
    "Trung",
    "Tuấn",
    "Vạn",
    "Việt",
]
GIVEN_FEMALE = [
    "Anh",
    "Ánh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Thảo",
    "Trang",
    "Yến",
]


def person_name(rng, female=None):
    """A full name; `rng` is a random.Random so the same seed gives the same names."""
    if female is None:
        female = rng.random() < 0.5
    middle = MIDDLE_FEMALE if female else MIDDLE_MALE
    given = GIVEN_FEMALE if female else GIVEN_MALE
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"
