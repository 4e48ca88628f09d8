"""Demo portal: five news sections, the seed article imported as the issue asks, ~100
generated articles in plausible Vietnamese, three videos (a 7 KB WebM made once with
Chromium's MediaRecorder, demo_media/demo.webm), public documents and the public-service
pages. Deterministic (seeded random), nothing downloaded."""

import io
import random
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image

from dvs.units.demo import WARD_NAMES as WARDS

from . import search
from .importing import create_article, parse_article, read_text
from .models import (
    ArticlePage,
    DailyPageStats,
    DocumentIndexPage,
    DocumentKind,
    InfoPage,
    PageCounter,
    PublicDocumentPage,
    SectionPage,
    VideoIndexPage,
    VideoPage,
    ascii_slug,
)
from .setup import ensure_portal

MEDIA = Path(__file__).parent / "demo_media"
SEED_NAME = "ban-dan-van-so-ket-6-thang-2024.txt"
SEED_TITLE = (
    "Ban Dân vận Thành ủy sơ kết công tác dân vận 6 tháng đầu năm, "
    "triển khai nhiệm vụ những tháng cuối năm 2024"
)

SECTIONS = [
    ("cong-tac-dan-van", "Công tác dân vận", "Hoạt động của hệ thống dân vận thành phố"),
    ("mat-tran-doan-the", "Mặt trận và các đoàn thể", "MTTQ và các tổ chức chính trị - xã hội"),
    ("dan-van-kheo", "Dân vận khéo", "Phong trào thi đua “Dân vận khéo” và các mô hình"),
    ("ton-giao", "Tôn giáo", "Công tác tôn giáo, tín ngưỡng"),
    ("giai-phong-mat-bang", "Giải phóng mặt bằng", "Vận động GPMB các dự án trọng điểm"),
]

ORGANISATIONS = [
    "Ủy ban MTTQ",
    "Hội Liên hiệp Phụ nữ",
    "Đoàn Thanh niên",
    "Hội Cựu chiến binh",
    "Hội Nông dân",
    "Hội Người cao tuổi",
]
TITLES = {
    "cong-tac-dan-van": [
        "Khối dân vận {ward} sơ kết công tác dân vận quý {q} năm {year}",
        "Ban Dân vận Thành ủy kiểm tra công tác dân vận chính quyền tại {ward}",
        "{ward} tổ chức đối thoại giữa Bí thư Đảng ủy với nhân dân",
        "Tập huấn nghiệp vụ công tác dân vận cho cán bộ khu phố {ward}",
        "Nâng cao hiệu quả công tác dân vận chính quyền ở {ward}",
    ],
    "mat-tran-doan-the": [
        "{org} {ward} ra mắt mô hình “Khu dân cư tự quản”",
        "{org} {ward} trao quà cho hộ nghèo, gia đình chính sách",
        "Đại hội {org} {ward} nhiệm kỳ 2024 - 2029",
        "{org} thành phố giám sát việc thực hiện chính sách tại {ward}",
        "Ngày hội Đại đoàn kết toàn dân tộc ở khu phố {n}, {ward}",
    ],
    "dan-van-kheo": [
        "Mô hình “{model}” ở {ward}: cách làm hay, hiệu quả",
        "{ward} nhân rộng mô hình “{model}”",
        "Biểu dương điển hình “Dân vận khéo” năm {year} tại {ward}",
        "Khu phố {n} {ward} với mô hình “{model}”",
    ],
    "ton-giao": [
        "Gặp mặt chức sắc, người có uy tín trong các tôn giáo tại {ward}",
        "{ward} phát huy vai trò người có uy tín trong đồng bào có đạo",
        "Thăm, chúc mừng các cơ sở tôn giáo nhân dịp lễ lớn tại {ward}",
        "Tuyên truyền chính sách, pháp luật về tín ngưỡng, tôn giáo ở {ward}",
    ],
    "giai-phong-mat-bang": [
        "{ward}: vận động các hộ dân bàn giao mặt bằng dự án Đường vành đai 4",
        "Đối thoại với hộ dân bị ảnh hưởng dự án đường tỉnh 295C tại {ward}",
        "{ward} hoàn thành giải phóng mặt bằng khu đô thị mới",
        "Công tác dân vận góp phần đẩy nhanh tiến độ GPMB ở {ward}",
    ],
}
MODELS = [
    "Cộng đồng học tập",
    "Gia đình học tập",
    "Dòng họ học tập",
    "Khu phố phấn đấu không còn thực phẩm không an toàn",
    "Tuyến phố văn minh",
    "Thắp sáng đường quê",
    "Phụ nữ tiết kiệm",
    "Camera an ninh khu dân cư",
]
OPENINGS = [
    "Ngày {day}/{month}, {ward} tổ chức hội nghị với sự tham dự của đại diện Ban Dân vận "
    "Thành ủy, lãnh đạo Đảng ủy, UBND phường cùng các đoàn thể và đông đảo nhân dân.",
    "Thực hiện kế hoạch của Ban Dân vận Thành ủy, trong tháng {month}, {ward} đã triển khai "
    "nhiều hoạt động thiết thực, hướng về cơ sở.",
    "Sáng {day}/{month}, tại nhà văn hóa khu phố {n}, {ward} đã diễn ra buổi gặp mặt, "
    "trao đổi giữa cấp ủy, chính quyền với nhân dân.",
]
SENTENCES = [
    "Các ý kiến tập trung vào những vấn đề dân sinh bức xúc, được chính quyền tiếp thu và trả lời cụ thể.",
    "Khối dân vận phường đã chủ động nắm bắt tình hình nhân dân, kịp thời tham mưu cấp ủy giải quyết.",
    "Mặt trận Tổ quốc và các đoàn thể phối hợp chặt chẽ, vận động đoàn viên, hội viên tích cực tham gia.",
    "Nhiều hộ gia đình đồng thuận hiến đất, góp công làm đường, chỉnh trang khu dân cư.",
    "Qua đó góp phần củng cố niềm tin của nhân dân với cấp ủy, chính quyền.",
    "Công tác tuyên truyền được đổi mới, chú trọng đối thoại trực tiếp và qua hệ thống loa truyền thanh.",
    "Phong trào thi đua “Dân vận khéo” tiếp tục được đẩy mạnh, lan tỏa trong các khu phố.",
    "Việc thực hiện dân chủ ở cơ sở được bảo đảm, nhân dân được biết, được bàn, được làm, được kiểm tra, giám sát.",
    "Các chức sắc, tín đồ tôn giáo tích cực tham gia các phong trào thi đua yêu nước tại địa phương.",
    "Đơn thư của công dân được tiếp nhận, phân loại và giải quyết đúng thời hạn quy định.",
    "Cán bộ dân vận đã đến từng hộ gia đình để lắng nghe, giải thích chính sách bồi thường, hỗ trợ, tái định cư.",
    "Đến nay, tỷ lệ hộ dân đồng thuận đạt trên 95%, bảo đảm tiến độ bàn giao mặt bằng.",
]
CLOSINGS = [
    "Phát biểu tại buổi làm việc, đồng chí Phó Trưởng Ban Dân vận Thành ủy đề nghị tiếp tục "
    "phát huy những kết quả đạt được, khắc phục hạn chế để hoàn thành tốt nhiệm vụ năm {year}.",
    "Dịp này, nhiều tập thể, cá nhân có thành tích xuất sắc được biểu dương, khen thưởng.",
    "Thời gian tới, {ward} sẽ tiếp tục nhân rộng các mô hình hiệu quả, gắn với xây dựng khu dân cư văn minh./.",
]
AUTHORS = ["Minh Khang", "Thu Hà", "Quang Huy", "Ngọc Anh", "Văn Thắng", "Hồng Nhung"]
SOURCES = [
    "Trung tâm VHTT và Truyền thông thành phố",
    "Ban Dân vận Thành ủy",
    "Ủy ban MTTQ thành phố",
]
CAPTIONS = [
    "Quang cảnh hội nghị",
    "Đại biểu phát biểu tại buổi đối thoại",
    "Trao quà cho các hộ gia đình có hoàn cảnh khó khăn",
    "Đoàn viên thanh niên ra quân vệ sinh môi trường",
]
COLOURS = [
    ((163, 22, 27), (245, 196, 0)),
    ((11, 79, 156), (120, 190, 240)),
    ((30, 110, 60), (200, 230, 140)),
    ((110, 60, 20), (240, 200, 150)),
    ((70, 40, 110), (220, 180, 240)),
    ((20, 100, 110), (160, 230, 230)),
]


def _make_image(index, rng):
    dark, light = COLOURS[index % len(COLOURS)]
    picture = PILImage.new("RGB", (960, 540), dark)
    draw = ImageDraw.Draw(picture)
    for step in range(12):
        x = rng.randint(0, 900)
        y = rng.randint(0, 480)
        r = rng.randint(30, 160)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=light if step % 2 else dark, outline=light)
    draw.rectangle((0, 470, 960, 540), fill=(255, 255, 255))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=70)
    image = Image(title=f"Ảnh minh họa {index + 1}", width=960, height=540)
    image.file.save(f"minh-hoa-{index + 1}.jpg", ContentFile(out.getvalue()), save=False)
    image.width, image.height = picture.size
    image.save()
    return image


def _article_text(rng, section_slug, when):
    ward = rng.choice(WARDS)
    fill = {
        "ward": ward,
        "org": rng.choice(ORGANISATIONS),
        "model": rng.choice(MODELS),
        "n": rng.randint(1, 12),
        "q": (when.month - 1) // 3 + 1,
        "year": when.year,
        "day": when.day,
        "month": when.month,
    }
    title = rng.choice(TITLES[section_slug]).format(**fill)
    lead = rng.choice(OPENINGS).format(**fill)
    body = rng.sample(SENTENCES, 4)
    paragraphs = [" ".join(body[:2]), " ".join(body[2:]), rng.choice(CLOSINGS).format(**fill)]
    return title, lead, paragraphs


def load(stdout=None):
    rng = random.Random(2024)
    home = ensure_portal()
    sections = {}
    for slug, title, intro in SECTIONS:
        section = SectionPage(title=title, slug=slug, intro=intro, show_in_menus=True)
        home.add_child(instance=section)
        section.save_revision().publish()
        sections[slug] = section
    images = [_make_image(i, rng) for i in range(6)]

    seed = parse_article(read_text(MEDIA / SEED_NAME))
    seed_article = create_article(seed, title=SEED_TITLE, section=sections["cong-tac-dan-van"])
    seed_article.featured = True
    seed_article.image = images[0]
    seed_article.save_revision().publish()

    now = timezone.now()
    today = timezone.localdate()
    count = 0
    for index in range(100):
        slug = SECTIONS[index % len(SECTIONS)][0]
        when = now - timedelta(days=index * 3 + rng.randint(0, 2), hours=rng.randint(0, 9))
        when = when.replace(microsecond=0)
        title, lead, paragraphs = _article_text(rng, slug, timezone.localtime(when))
        body = [("paragraph", f"<p>{escape(paragraphs[0])}</p>")]
        if index % 3 == 0:
            body.append(
                ("image", {"image": rng.choice(images), "caption": rng.choice(CAPTIONS), "alt": ""})
            )
        body += [("paragraph", f"<p>{escape(p)}</p>") for p in paragraphs[1:]]
        article = ArticlePage(
            title=title,
            slug=f"{slug}-{index + 1}",
            published_at=when,
            lead=lead,
            body=body,
            author=rng.choice(AUTHORS),
            source=rng.choice(SOURCES),
            image=images[index % len(images)],
            featured=index in (1, 2, 3),
            first_published_at=when,
        )
        sections[slug].add_child(instance=article)
        article.save_revision().publish()
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=when, last_published_at=when
        )
        # A history of daily views for the statistics screen.
        daily = []
        for back in range(min(index * 3, 60)):
            views = max(0, int(rng.gauss(40, 15) / (1 + back / 10)))
            daily.append(
                DailyPageStats(
                    page_id=article.pk,
                    date=today - timedelta(days=back),
                    views=views,
                    visits=int(views * 0.7),
                )
            )
        DailyPageStats.objects.bulk_create(daily)
        PageCounter.objects.create(
            page_id=article.pk,
            views=sum(d.views for d in daily) + rng.randint(50, 400),
            visits=sum(d.visits for d in daily),
        )
        count += 1

    videos = VideoIndexPage(
        title="Video",
        slug="video",
        show_in_menus=True,
        intro="Phóng sự, tin hình về công tác dân vận",
    )
    home.add_child(instance=videos)
    videos.save_revision().publish()
    clip = (MEDIA / "demo.webm").read_bytes()
    for index, title in enumerate(
        [
            "Phóng sự: Dân vận khéo ở khu phố Đông Ngàn",
            "Hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2024",
            "Vận động giải phóng mặt bằng Đường vành đai 4",
        ]
    ):
        video = VideoPage(
            title=title,
            slug=f"video-{index + 1}",
            published_at=now - timedelta(days=index * 10),
            poster=images[(index + 2) % len(images)],
            description=f"<p>{escape(title)}.</p>",
        )
        video.video.save(f"video-{index + 1}.webm", ContentFile(clip), save=False)
        videos.add_child(instance=video)
        video.save_revision().publish()

    documents = DocumentIndexPage(
        title="Văn bản",
        slug="van-ban",
        show_in_menus=True,
        intro="Nghị quyết, chỉ thị, kế hoạch và báo cáo công khai",
    )
    home.add_child(instance=documents)
    documents.save_revision().publish()
    for index, (kind, number, title) in enumerate(
        [
            (
                DocumentKind.PLAN,
                "45-KH/BDVTU",
                "Kế hoạch tổng kết các nghị quyết về công tác dân vận năm 2024",
            ),
            (
                DocumentKind.REPORT,
                "112-BC/BDVTU",
                "Báo cáo sơ kết công tác dân vận 6 tháng đầu năm 2024",
            ),
            (
                DocumentKind.DIRECTIVE,
                "05-CT/TU",
                "Chỉ thị về tăng cường công tác dân vận chính quyền",
            ),
            (
                DocumentKind.RESOLUTION,
                "12-NQ/TU",
                "Nghị quyết về phong trào thi đua “Dân vận khéo” giai đoạn 2024 - 2026",
            ),
            (
                DocumentKind.CONCLUSION,
                "30-KL/TU",
                "Kết luận về công tác tôn giáo trên địa bàn thành phố",
            ),
        ]
    ):
        file = Document(title=title)
        text = f"{settings.ISSUING_BODY_NAME}\nSố: {number}\n\n{title}\n"
        file.file.save(f"van-ban-{index + 1}.txt", ContentFile(text.encode()), save=False)
        file.save()
        page = PublicDocumentPage(
            title=title,
            slug=f"van-ban-{index + 1}",
            number=number,
            kind=kind,
            issued_on=today - timedelta(days=20 * index + 5),
            issuer=settings.ISSUING_BODY_NAME,
            summary=title,
            document=file,
        )
        documents.add_child(instance=page)
        page.save_revision().publish()

    services = InfoPage(
        title="Dịch vụ công",
        slug="dich-vu-cong",
        show_in_menus=True,
        body="<p>Người dân gửi phản ánh, kiến nghị và theo dõi kết quả giải quyết.</p>",
    )
    home.add_child(instance=services)
    services.save_revision().publish()
    reception = "<p>Tiếp công dân: Trụ sở Ban Dân vận Thành ủy, các ngày làm việc trong tuần.</p>"
    # The online services of the cases app (dvs/cases/public.py); consultations do not
    # exist yet.
    for slug, title, body, placeholder in [
        (
            "gui-phan-anh-kien-nghi",
            "Gửi phản ánh, kiến nghị",
            f'<p><a href="{reverse("cases_public_submit")}">Gửi phản ánh, kiến nghị trực '
            f"tuyến</a>: đơn được chuyển đến phường, xã nơi phát sinh vụ việc; bạn nhận mã "
            f"theo dõi để tra cứu kết quả.</p>{reception}",
            False,
        ),
        (
            "tra-cuu-ket-qua",
            "Tra cứu kết quả giải quyết đơn thư",
            f'<p><a href="{reverse("cases_public_track")}">Tra cứu hồ sơ theo mã theo '
            f"dõi</a>: các bước xử lý và ngày thực hiện.</p>",
            False,
        ),
        (
            "lay-y-kien-nhan-dan",
            "Lấy ý kiến nhân dân",
            f'<p><a href="{reverse("democracy_public_consultations")}">Góp ý trực tuyến</a> '
            f"các dự thảo phường, xã đang lấy ý kiến Nhân dân; xem kết quả tiếp thu, giải "
            f"trình đã công bố.</p>",
            False,
        ),
    ]:
        page = InfoPage(title=title, slug=slug, placeholder=placeholder, body=body)
        services.add_child(instance=page)
        page.save_revision().publish()

    for article in ArticlePage.objects.live():
        search.index_article(article)
    _editor_work(sections["cong-tac-dan-van"])
    if stdout:
        stdout.write(
            f"  portal: {len(SECTIONS)} sections, {count + 1} articles, 3 videos, 5 documents"
        )


EDITOR_DRAFTS = [
    # (title, sent for approval)
    ("Khu phố 1 phường Đông Ngàn ra quân làm sạch đường làng, ngõ xóm", True),
    ("Hội LHPN phường Hòa Long trao sinh kế cho hội viên khó khăn", True),
    ("Đối thoại giữa Bí thư Đảng ủy phường với đoàn viên thanh niên", False),
]


def _editor_work(section):
    """Work waiting on the portal roles' home pages: two articles the editor sent for
    approval (the approver's to approve) and one draft still being written."""
    from dvs.accounts.models import User

    editor = User.objects.filter(username="bientap").first()
    if editor is None:
        return
    for title, send in EDITOR_DRAFTS:
        article = ArticlePage(
            title=title,
            slug=ascii_slug(title),
            lead=f"{title}.",
            body=[("paragraph", f"<p>{escape(title)}.</p>")],
            author="Vũ Thu Trang",
            source="Ban Dân vận Thành ủy",
            live=False,
            owner=editor,
        )
        section.add_child(instance=article)
        article.save_revision(user=editor)
        workflow = article.get_workflow()
        if send and workflow is not None:
            workflow.start(article, editor)
